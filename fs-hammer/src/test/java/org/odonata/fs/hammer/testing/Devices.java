package org.odonata.fs.hammer.testing;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.hw.x86.disk.Disks;

/** Real (hw-x86) block devices for tests: memory-backed and sparse, completing synchronously. */
public final class Devices {

    public static final long KB = 1024;
    public static final long MB = 1024 * KB;

    private Devices() {
    }

    /** A RAM disk with 4 KB sectors and no write cache. */
    public static BlockDevice ram(long size) {
        return Disks.open(new DiskSpec("ram", DiskKind.RAM, size, 4096, null, false), null);
    }

    /** An NVMe disk with 512-byte sectors and a volatile write cache: only flush and FUA are durable. */
    public static BlockDevice cached(long size) {
        return Disks.open(new DiskSpec("nvme", DiskKind.NVME, size, 512, null, true), null);
    }
}
