package org.odonata.vm.page;

import java.util.BitSet;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.PhysicalMemory;
import org.odonata.api.sync.LockFactory;
import org.odonata.api.sync.Spinlock;
import org.odonata.api.sync.SyncHost;

/**
 * The free and cache page queues ({@code vm_page.c}: {@code vm_page_alloc}, {@code vm_page_free},
 * {@code vm_page_cache}, {@code _vm_page_list_find2}), split per NUMA node into {@value #COLOURS} coloured
 * sub-queues, each with its own spinlock: an allocation asks for the colour its object and page index give and the
 * node of the allocating CPU, walks to the next non-empty colour, then to other nodes.
 * <p>
 * Frames are taken from the machine's {@link PhysicalMemory} the first time they are needed and never returned:
 * a freed page goes onto its coloured free queue, as every page is at DragonFly's boot. Cost: a spinlock
 * acquisition and release per queue operation, through the token/lock implementation's coherence model.
 * Simplification: the cache queue is one FIFO per node (DragonFly colours it too).
 */
public final class PageQueues {

    /** {@code PQ_L2_SIZE}. */
    public static final int COLOURS = 1024;

    private final PhysicalMemory memory;
    private final int nodes;
    private final long totalPages;
    private final PageList[][] free;
    private final BitSet[] nonEmpty;
    private final long[] freeCount;
    private final PageList[] cache;
    private final Spinlock[][] freeLocks;
    private final Spinlock[] cacheLocks;
    private final LockFactory locks;
    private final SyncHost syncHost;
    /** Wired page-table pages. */
    private long wired;

    public PageQueues(Machine machine, LockFactory locks, SyncHost syncHost) {
        this.memory = machine.memory();
        this.nodes = memory.nodes();
        this.locks = locks;
        this.syncHost = syncHost;
        long total = 0;
        for (int n = 0; n < nodes; n++) {
            total += memory.totalFrames(n);
        }
        this.totalPages = total;
        this.free = new PageList[nodes][COLOURS];
        this.nonEmpty = new BitSet[nodes];
        this.freeCount = new long[nodes];
        this.cache = new PageList[nodes];
        this.freeLocks = new Spinlock[nodes][COLOURS];
        this.cacheLocks = new Spinlock[nodes];
        for (int n = 0; n < nodes; n++) {
            nonEmpty[n] = new BitSet(COLOURS);
            cache[n] = new PageList();
        }
    }

    public long totalPages() {
        return totalPages;
    }

    /** {@code v_free_count}: pages on the free queues plus frames never used. */
    public long freePages() {
        long f = 0;
        for (int n = 0; n < nodes; n++) {
            f += freeCount[n] + memory.freeFrames(n);
        }
        return f;
    }

    /** {@code v_cache_count}. */
    public long cachePages() {
        long c = 0;
        for (PageList l : cache) {
            c += l.size();
        }
        return c;
    }

    public long wiredPages() {
        return wired;
    }

    /**
     * A free page of colour {@code colour} (or the nearest one) on {@code node} (or another node), off every queue
     * ({@link PageQueue#NONE}), or null when no free frame is left anywhere. Does not reclaim cache pages: see
     * {@link #reclaimCached}.
     */
    public VmPage allocFree(int cpu, int node, int colour) {
        for (int i = 0; i < nodes; i++) {
            int n = (node + i) % nodes;
            VmPage p = allocOnNode(cpu, n, colour & (COLOURS - 1));
            if (p != null) {
                p.queue = PageQueue.NONE;
                return p;
            }
        }
        return null;
    }

    private VmPage allocOnNode(int cpu, int n, int colour) {
        if (freeCount[n] > 0) {
            int c = nonEmpty[n].nextSetBit(colour);
            if (c < 0) {
                c = nonEmpty[n].nextSetBit(0);
            }
            Spinlock lock = freeLock(n, c);
            lock.lock(cpu);
            PageList q = free[n][c];
            VmPage p = q.head();
            q.remove(p);
            if (q.size() == 0) {
                nonEmpty[n].clear(c);
            }
            freeCount[n]--;
            lock.unlock(cpu);
            return p;
        }
        long frame = memory.allocate(n);
        if (frame < 0) {
            return null;
        }
        return new VmPage(frame, n, (int) (frame & (COLOURS - 1)));
    }

    /** {@code vm_page_free}: the page loses its identity and goes onto its coloured free queue. */
    public void free(int cpu, VmPage p) {
        if (p.queue == PageQueue.CACHE) {
            unqueueCached(cpu, p);
        }
        if (p.queue == PageQueue.WIRED) {
            wired--;
        }
        p.clearIdentity();
        Spinlock lock = freeLock(p.node, p.colour);
        lock.lock(cpu);
        PageList q = free[p.node][p.colour];
        if (q == null) {
            q = free[p.node][p.colour] = new PageList();
        }
        q.addTail(p);
        nonEmpty[p.node].set(p.colour);
        freeCount[p.node]++;
        p.queue = PageQueue.FREE;
        lock.unlock(cpu);
    }

    /** Marks an allocated page as a wired page-table page. */
    public void wire(VmPage p) {
        p.queue = PageQueue.WIRED;
        wired++;
    }

    /** {@code vm_page_cache}: a clean, unmapped page keeps its identity on the cache queue. */
    public void cache(int cpu, VmPage p) {
        Spinlock lock = cacheLock(p.node);
        lock.lock(cpu);
        cache[p.node].addTail(p);
        p.queue = PageQueue.CACHE;
        lock.unlock(cpu);
    }

    /** Takes a page off the cache queue (a fault found it again); it keeps its identity. */
    public void unqueueCached(int cpu, VmPage p) {
        Spinlock lock = cacheLock(p.node);
        lock.lock(cpu);
        cache[p.node].remove(p);
        p.queue = PageQueue.NONE;
        lock.unlock(cpu);
    }

    /**
     * The oldest cached page, preferably of {@code node}, taken off the cache queue still holding its identity (the
     * caller removes it from its object), or null when the cache is empty.
     */
    public VmPage reclaimCached(int cpu, int node) {
        for (int i = 0; i < nodes; i++) {
            int n = (node + i) % nodes;
            VmPage p = cache[n].head();
            if (p != null && !p.busy) {
                unqueueCached(cpu, p);
                return p;
            }
        }
        return null;
    }

    private Spinlock freeLock(int node, int colour) {
        Spinlock s = freeLocks[node][colour];
        if (s == null) {
            s = freeLocks[node][colour] = locks.newSpinlock(syncHost, "vm_page_queues[PQ_FREE+" + colour + "]@" + node);
        }
        return s;
    }

    private Spinlock cacheLock(int node) {
        Spinlock s = cacheLocks[node];
        if (s == null) {
            s = cacheLocks[node] = locks.newSpinlock(syncHost, "vm_page_queues[PQ_CACHE]@" + node);
        }
        return s;
    }
}
