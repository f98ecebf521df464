package org.odonata.fs.hammer.vfs;

import java.nio.ByteBuffer;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DeviceStats;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.buf.Buf;
import org.odonata.api.buf.BufCache;
import org.odonata.api.fs.FsException;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.VfsHost;

/**
 * The device as HAMMER's volume layer sees it when it runs in the kernel: every request goes through the buffer cache,
 * as {@code hammer_io} reads and writes through buffers of the device vnode. A read is a {@code bread} (a hit costs
 * a lookup and the copy); a write fills a buffer and starts it with {@code bawrite}, as {@code hammer_io_flush}
 * does, or with a synchronous FUA {@code bwrite} for the volume header; {@link #flush()} waits for every write in
 * flight ({@code hammer_io_wait_all}) and then flushes the disk's write cache. So a write returns before the disk has
 * it, but a read sees it, and {@link #flush()} orders it as the volume layer expects. Failures are EIO.
 */
final class BufDevice implements BlockDevice {

    private final BufCache cache;
    private final BlockDevice disk;
    private final VfsHost host;

    BufDevice(BufCache cache, BlockDevice disk, VfsHost host) {
        this.cache = cache;
        this.disk = disk;
        this.host = host;
    }

    @Override
    public DiskSpec spec() {
        return disk.spec();
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        int sector = cache.sectorSize();
        int length = dst.remaining();
        long start = offset - offset % sector;
        long end = (offset + length + sector - 1) / sector * sector;
        Buf bp = cache.bread(start, (int) (end - start));
        try {
            if (!bp.cached()) {
                throw new FsException(Errno.EIO, "read of " + bp.size() + " bytes at " + start + " on "
                        + cache.device() + " failed: " + Errno.ofResult(-bp.error()));
            }
            dst.put(bp.data(), (int) (offset - start), length);
            host.charge(length >>> Costs.COPY_SHIFT);
        } finally {
            cache.brelse(bp);
        }
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean fua) {
        int length = src.remaining();
        Buf bp = cache.getblk(offset, length);
        src.get(bp.data(), 0, length);
        host.charge(length >>> Costs.COPY_SHIFT);
        if (!fua) {
            cache.bawrite(bp);
            return;
        }
        int error = cache.bwrite(bp, true);
        if (error != 0) {
            throw new FsException(Errno.EIO, "FUA write at " + offset + " on " + cache.device() + " failed: "
                    + Errno.ofResult(-error));
        }
    }

    @Override
    public void flush() {
        int error = cache.vfsync();
        if (error == 0) {
            error = cache.flushCache();
        }
        if (error != 0) {
            throw new FsException(Errno.EIO, "write or flush on " + cache.device() + " failed: " + Errno.ofResult(-error));
        }
    }

    @Override
    public void powerCut() {
        disk.powerCut();
    }

    @Override
    public DeviceStats stats() {
        return disk.stats();
    }

    /** The disk belongs to the machine: nothing to release. */
    @Override
    public void close() {
    }
}
