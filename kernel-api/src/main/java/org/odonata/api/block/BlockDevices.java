package org.odonata.api.block;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens block devices outside a simulation, for tools (a shell command formatting or mounting an image file):
 * every request completes synchronously on the caller's thread. A machine's own disks come from its
 * assembly instead, which ties them to the machine's engine.
 */
@ProviderType
public interface BlockDevices {

    /**
     * Opens a device described by {@code spec}: backed by memory, or by {@code spec.backingFile()}, which is
     * created sparse when missing. The caller closes it.
     */
    BlockDevice open(DiskSpec spec);
}
