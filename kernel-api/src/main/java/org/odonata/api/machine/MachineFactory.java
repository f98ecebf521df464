package org.odonata.api.machine;

import org.odonata.api.engine.Engine;
import org.osgi.annotation.versioning.ProviderType;

/** Builds machines; registered as a service by the machine-model bundle. */
@ProviderType
public interface MachineFactory {

    Machine create(MachineSpec spec);

    /**
     * Builds a guest machine, for a vkernel: its CPUs, LAPICs and memory are its own, but it runs on {@code engine},
     * its host's, so host and guest share one virtual clock and one event order.
     *
     * @throws UnsupportedOperationException when this machine model cannot build guests
     */
    default Machine create(MachineSpec spec, Engine engine) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot build a guest machine");
    }
}
