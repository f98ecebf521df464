package org.odonata.vfs.bio;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.memory.PhysicalMemory;
import org.odonata.api.vfs.VfsHost;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.host.Host;

/**
 * The buffer cache of one kernel ({@code vfs_bio.c}): the devices' buffers, the clean queue they are recycled from
 * (least recently released first, as {@code getnewbuf} takes from {@code BQUEUE_CLEAN}), the space limits and the
 * threads that write delayed buffers. Buffer data occupies frames of the machine's physical memory, so the cache
 * competes with tmpfs and the VM for it.
 * <p>
 * Limits, as {@code bufinit} derives them: {@code hibufspace} a tenth of physical memory, {@code hidirtybufspace}
 * half of that, {@code lodirtybufspace} half again. Past {@code hibufspace} clean buffers are recycled; past
 * {@code hidirtybufspace} {@code bdwrite} wakes the buffer daemon, which writes the oldest delayed buffers until
 * dirty space is below {@code lodirtybufspace}. The daemons are started with the first device cache, on CPU 0.
 */
public final class BufQueues {

    final Host host;
    final VfsHost kernel;
    private final PhysicalMemory memory;
    final long hibufspace;
    final long hidirtybufspace;
    final long lodirtybufspace;
    private final Map<String, DeviceBufs> devices = new LinkedHashMap<>();
    private final LinkedHashSet<Buffer> clean = new LinkedHashSet<>();
    private Syncer syncer;
    private BufDaemon daemon;
    long bufspace;
    long dirtybufspace;
    long hits;
    long misses;
    long reads;
    long writes;
    long delayedWrites;
    long recycled;
    long pagesMissing;

    public BufQueues(Host host) {
        this.host = host;
        this.kernel = host.kernel();
        this.memory = kernel.machine().memory();
        long bytes = 0;
        for (int n = 0; n < memory.nodes(); n++) {
            bytes += memory.totalFrames(n) * PhysicalMemory.PAGE_SIZE;
        }
        this.hibufspace = Math.max(bytes / 10, 1L << 20);
        this.hidirtybufspace = hibufspace / 2;
        this.lodirtybufspace = hidirtybufspace / 2;
    }

    /** The cache of {@code disk}, created (and the daemons started) at first use. */
    public DeviceBufs device(BlockDevice disk) {
        String name = disk.spec().name();
        DeviceBufs d = devices.get(name);
        if (d == null) {
            d = new DeviceBufs(this, disk);
            devices.put(name, d);
            startDaemons();
        }
        return d;
    }

    /** The syncer, once a device cache exists; null before. */
    public Syncer syncer() {
        return syncer;
    }

    private void startDaemons() {
        if (syncer == null) {
            syncer = new Syncer(this);
            daemon = new BufDaemon(this);
            kernel.kthreads().create("syncer", 0, syncer::run);
            kernel.kthreads().create("bufdaemon", 0, daemon::run);
        }
    }

    List<DeviceBufs> devices() {
        return new ArrayList<>(devices.values());
    }

    /** {@code getnewbuf}: a buffer with its pages, recycling clean buffers past {@code hibufspace}. */
    Buffer newBuffer(DeviceBufs dev, long offset, int size) {
        int pages = (size + PhysicalMemory.PAGE_SIZE - 1) / PhysicalMemory.PAGE_SIZE;
        host.charge(Costs.BUF_ALLOC + Costs.PER_PAGE * pages);
        while (bufspace + size > hibufspace && recycleOne()) {
            // recycled the least recently used clean buffer
        }
        long[] frames = new long[pages];
        for (int i = 0; i < pages; i++) {
            frames[i] = allocateFrame();
        }
        bufspace += size;
        return new Buffer(dev, offset, size, frames);
    }

    private long allocateFrame() {
        while (true) {
            for (int n = 0; n < memory.nodes(); n++) {
                long f = memory.allocate(n);
                if (f >= 0) {
                    return f;
                }
            }
            if (!recycleOne()) {
                pagesMissing++;
                return -1;
            }
        }
    }

    private boolean recycleOne() {
        Iterator<Buffer> it = clean.iterator();
        if (!it.hasNext()) {
            return false;
        }
        Buffer victim = it.next();
        it.remove();
        victim.dev.forget(victim);
        free(victim);
        recycled++;
        return true;
    }

    /** Returns a buffer's pages and space; it is no longer in any queue. */
    void free(Buffer bp) {
        clean.remove(bp);
        for (long f : bp.frames) {
            if (f >= 0) {
                memory.free(f);
            }
        }
        bufspace -= bp.data.length;
    }

    void cleanQueued(Buffer bp) {
        clean.add(bp);
    }

    void cleanRemoved(Buffer bp) {
        clean.remove(bp);
    }

    void dirtied(Buffer bp) {
        dirtybufspace += bp.data.length;
        if (dirtybufspace > hidirtybufspace && daemon != null) {
            daemon.wakeup();
        }
    }

    void undirtied(Buffer bp) {
        dirtybufspace -= bp.data.length;
    }

    /** Counters of the buffer cache, by name, in a stable order. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("buf_hits", hits);
        m.put("buf_misses", misses);
        m.put("buf_reads", reads);
        m.put("buf_writes", writes);
        m.put("buf_delayed_writes", delayedWrites);
        m.put("buf_recycled", recycled);
        m.put("bufspace", bufspace);
        m.put("dirtybufspace", dirtybufspace);
        m.put("hibufspace", hibufspace);
        return m;
    }
}
