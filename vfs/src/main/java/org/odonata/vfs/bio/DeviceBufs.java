package org.odonata.vfs.bio;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.api.bio.Bio;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.BlockOp;
import org.odonata.api.buf.Buf;
import org.odonata.api.buf.BufCache;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.host.Host;

/**
 * The buffers of one device ({@code getblk}, {@code bread}, {@code bwrite}, {@code bawrite}, {@code bdwrite},
 * {@code brelse} in {@code vfs_bio.c}; {@code vfsync} and {@code vinvalbuf} in {@code vfs_subr.c}), by offset, never
 * overlapping: a request overlapping buffers of other sizes writes their delayed data and drops them first. I/O goes
 * through the kernel's bio path ({@code dev_dstrategy}; {@code biowait} for the synchronous calls, a completion
 * callback in the disk's interrupt thread for {@code bawrite}). On the host thread (the root mounted at boot) the
 * disk's own calls complete at once.
 */
public final class DeviceBufs implements BufCache {

    private final BufQueues q;
    private final Host host;
    private final KernelThreads kt;
    private final BlockIo bio;
    private final BlockDevice disk;
    private final String name;
    private final TreeMap<Long, Buffer> bufs = new TreeMap<>();
    /** Delayed-write buffers, oldest first. */
    final LinkedHashSet<Buffer> dirty = new LinkedHashSet<>();
    private int inflight;
    private long idleIdent;
    private int idleWaiters;
    private int firstError;

    DeviceBufs(BufQueues q, BlockDevice disk) {
        this.q = q;
        this.host = q.host;
        this.kt = q.kernel.kthreads();
        this.bio = q.kernel.blockIo();
        this.disk = disk;
        this.name = disk.spec().name();
    }

    @Override
    public String device() {
        return name;
    }

    @Override
    public int sectorSize() {
        return disk.sectorSize();
    }

    @Override
    public Buf getblk(long offset, int size) {
        check(offset, size);
        host.charge(Costs.BUF_LOOKUP);
        while (true) {
            Buffer bp = bufs.get(offset);
            if (bp != null && bp.data.length == size) {
                if (bp.busy) {
                    waitFor(bp, "getblk");
                    continue;
                }
                take(bp);
                return bp;
            }
            Buffer ov = overlap(offset, size);
            if (ov == null) {
                bp = q.newBuffer(this, offset, size);
                bp.busy = true;
                bufs.put(offset, bp);
                return bp;
            }
            if (ov.busy) {
                waitFor(ov, "getblk");
                continue;
            }
            take(ov);
            if (ov.delwri) {
                bwrite(ov, false);
            } else {
                ov.invalid = true;
                brelse(ov);
            }
        }
    }

    @Override
    public Buf bread(long offset, int size) {
        Buffer bp = (Buffer) getblk(offset, size);
        if (bp.cached) {
            q.hits++;
            return bp;
        }
        q.misses++;
        q.reads++;
        if (!host.onCpu()) {
            disk.read(offset, ByteBuffer.wrap(bp.data));
            bp.cached = true;
            bp.error = 0;
            return bp;
        }
        int error = bio.biowait(bio.strategy(name, BlockOp.READ, offset, ByteBuffer.wrap(bp.data), false, null),
                "bread");
        bp.error = error;
        bp.cached = error == 0;
        return bp;
    }

    @Override
    public int bwrite(Buf b, boolean fua) {
        Buffer bp = held(b);
        startWrite(bp);
        if (!host.onCpu()) {
            disk.write(bp.offset, ByteBuffer.wrap(bp.data), fua);
            writeDone(bp, 0);
            return 0;
        }
        int error = bio.biowait(bio.strategy(name, BlockOp.WRITE, bp.offset, ByteBuffer.wrap(bp.data), fua, null),
                "bwrite");
        writeDone(bp, error);
        return error;
    }

    @Override
    public void bawrite(Buf b) {
        Buffer bp = held(b);
        startWrite(bp);
        if (!host.onCpu()) {
            disk.write(bp.offset, ByteBuffer.wrap(bp.data), false);
            writeDone(bp, 0);
            return;
        }
        bio.strategy(name, BlockOp.WRITE, bp.offset, ByteBuffer.wrap(bp.data), false,
                done -> writeDone(bp, done.error()));
    }

    @Override
    public void bdwrite(Buf b) {
        Buffer bp = held(b);
        bp.cached = true;
        if (!bp.delwri) {
            bp.delwri = true;
            bp.dirtiedAt = host.kernel().now();
            dirty.add(bp);
            q.dirtied(bp);
        }
        brelse(bp);
    }

    @Override
    public void brelse(Buf b) {
        Buffer bp = held(b);
        host.charge(Costs.BUF_RELEASE);
        bp.busy = false;
        if (bp.invalid || (!bp.delwri && (!bp.cached || bp.error != 0))) {
            forget(bp);
            q.free(bp);
        } else if (!bp.delwri) {
            q.cleanQueued(bp);
        }
        if (bp.waiters > 0) {
            kt.wakeup(bp.ident);
        }
    }

    @Override
    public int vfsync() {
        writeDirty(Long.MAX_VALUE);
        while (inflight > 0) {
            if (idleIdent == 0) {
                idleIdent = kt.newIdent();
            }
            idleWaiters++;
            try {
                kt.tsleep(idleIdent, "vfsync", 0);
            } finally {
                idleWaiters--;
            }
        }
        int e = firstError;
        firstError = 0;
        return e;
    }

    @Override
    public int flushCache() {
        if (!host.onCpu()) {
            disk.flush();
            return 0;
        }
        return bio.biowait(bio.strategy(name, BlockOp.FLUSH, 0, null, false, null), "bflush");
    }

    @Override
    public int invalidate() {
        int error = vfsync();
        while (!bufs.isEmpty()) {
            Buffer bp = bufs.firstEntry().getValue();
            if (bp.busy) {
                waitFor(bp, "vinvalbuf");
                continue;
            }
            take(bp);
            if (bp.delwri) {
                int e = bwrite(bp, false);
                error = error == 0 ? e : error;
                continue;
            }
            bp.invalid = true;
            brelse(bp);
        }
        return error;
    }

    /**
     * Starts writes of the delayed buffers that became dirty at or before {@code dirtiedBy}, oldest first (the
     * syncer, the buffer daemon, {@code vfsync}); returns the bytes started.
     */
    long writeDirty(long dirtiedBy) {
        long bytes = 0;
        for (Buffer bp : new ArrayList<>(dirty)) {
            if (bp.dirtiedAt > dirtiedBy) {
                break;
            }
            while (bp.busy) {
                waitFor(bp, "bflush");
            }
            if (!bp.delwri || bufs.get(bp.offset) != bp) {
                continue;
            }
            take(bp);
            q.delayedWrites++;
            bytes += bp.data.length;
            bawrite(bp);
        }
        return bytes;
    }

    /** The oldest delayed buffer's dirtying time, or -1 if none. */
    long oldestDirty() {
        return dirty.isEmpty() ? -1 : dirty.iterator().next().dirtiedAt;
    }

    /** Removes a buffer from this device's index and queues (it is being freed). */
    void forget(Buffer bp) {
        if (bufs.get(bp.offset) == bp) {
            bufs.remove(bp.offset);
        }
        if (bp.delwri) {
            bp.delwri = false;
            dirty.remove(bp);
            q.undirtied(bp);
        }
    }

    /** Buffers cached for this device, for tests and statistics. */
    Map<Long, Buffer> buffers() {
        return bufs;
    }

    private void startWrite(Buffer bp) {
        bp.cached = true;
        if (bp.delwri) {
            bp.delwri = false;
            dirty.remove(bp);
            q.undirtied(bp);
        }
        inflight++;
        q.writes++;
    }

    /** A write completed (in the interrupt thread for {@code bawrite}): records its error and releases the buffer. */
    private void writeDone(Buffer bp, int error) {
        inflight--;
        bp.error = error;
        if (error != 0 && firstError == 0) {
            firstError = error;
        }
        if (inflight == 0 && idleWaiters > 0) {
            kt.wakeup(idleIdent);
        }
        brelse(bp);
    }

    private void take(Buffer bp) {
        bp.busy = true;
        q.cleanRemoved(bp);
    }

    private void waitFor(Buffer bp, String wmesg) {
        if (!host.onCpu()) {
            throw new IllegalStateException(bp + " is busy on the host thread: nothing can release it");
        }
        if (bp.ident == 0) {
            bp.ident = kt.newIdent();
        }
        bp.waiters++;
        try {
            kt.tsleep(bp.ident, wmesg, 0);
        } finally {
            bp.waiters--;
        }
    }

    /** The buffer overlapping {@code [offset, offset + size)} other than one of exactly that shape, or null. */
    private Buffer overlap(long offset, int size) {
        Map.Entry<Long, Buffer> below = bufs.floorEntry(offset);
        if (below != null && below.getValue().end() > offset) {
            return below.getValue();
        }
        Map.Entry<Long, Buffer> above = bufs.higherEntry(offset);
        if (above != null && above.getKey() < offset + size) {
            return above.getValue();
        }
        return null;
    }

    private Buffer held(Buf b) {
        if (!(b instanceof Buffer bp) || bp.dev != this) {
            throw new IllegalArgumentException(b + " is not a buffer of " + name);
        }
        if (!bp.busy) {
            throw new IllegalStateException(bp + " is not held: get it with getblk or bread first");
        }
        return bp;
    }

    private void check(long offset, int size) {
        int sector = disk.sectorSize();
        if (size <= 0 || offset < 0 || offset % sector != 0 || size % sector != 0 || offset + size > disk.sizeBytes()) {
            throw new IllegalArgumentException("buffer of " + size + " bytes at " + offset + " on " + name
                    + ": not whole " + sector + "-byte sectors inside the device of " + disk.sizeBytes() + " bytes");
        }
    }
}
