package org.odonata.api.sync;

import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.osgi.annotation.versioning.ProviderType;

/** What the kernel core offers a token implementation: the machine (its coherence model, CPUs, engine). */
@ProviderType
public interface SyncHost {

    Machine machine();

    /** The implementation's own seeded random stream ({@code sync.<name>}). */
    RandomGenerator random();
}
