package org.odonata.hw.x86.disk;

import java.nio.file.Path;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.engine.Engine;

/** Opens simulated disks; the machine assembly calls {@link #open(DiskSpec, Engine)}. */
public final class Disks {

    private Disks() {
    }

    /**
     * Opens a disk backed by memory, or by {@code spec.backingFile()} (created sparse when missing).
     *
     * @param engineOrNull the machine's engine, or {@code null} for a device that always completes
     *                     synchronously (tools, unit tests)
     */
    public static BlockDevice open(DiskSpec spec, Engine engineOrNull) {
        Storage storage = spec.backingFile() == null
                ? new MemoryStorage()
                : new FileStorage(Path.of(spec.backingFile()), spec.sizeBytes());
        return new SimulatedDisk(spec, engineOrNull, storage);
    }
}
