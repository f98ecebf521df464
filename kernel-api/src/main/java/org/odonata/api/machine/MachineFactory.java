package org.odonata.api.machine;

import org.osgi.annotation.versioning.ProviderType;

/** Builds machines; registered as a service by the machine-model bundle. */
@ProviderType
public interface MachineFactory {

    Machine create(MachineSpec spec);
}
