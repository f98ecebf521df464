package org.odonata.kern;

import org.odonata.api.apic.Lapic;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.Coherence;

/**
 * IPI message queues ({@code sys/kern/lwkt_ipiq.c}): an N×N matrix of single-producer single-consumer FIFOs of
 * {@link #MAXCPUFIFO} slots. A send writes the slot and {@code ip_windex} (a store on the ring's cache line, priced
 * by the coherence model), sets the sender's bit in the target's {@code gd_ipimask}, and raises XIPIQ only when
 * the target's {@code npoll} latch was clear ({@link Lapic#sendIpiq}); otherwise the interrupt is coalesced and
 * counted as avoided. Passive sends raise nothing while fewer than {@link #PASSIVE_LIMIT} messages are pending:
 * the target finds them at its next poll (hardclock, idle loop, crit_exit). The receiver drains every source,
 * starting above its own CPU and wrapping, so CPU 0 is not favoured.
 * <p>
 * Simplification: a ring above {@link #DRAIN_LIMIT} makes the sender drain its own incoming queues first (as
 * DragonFly does) but the message is then queued even if the ring is full, counted in {@link #overflows}, since
 * an interrupt handler cannot wait for the target.
 */
final class IpiQueues {

    static final int MAXCPUFIFO = 256;
    static final int DRAIN_LIMIT = MAXCPUFIFO / 2;
    static final int PASSIVE_LIMIT = 64;

    /** A remote function call ({@code ipifunc3_t}), run on the target CPU in interrupt context. */
    @FunctionalInterface
    interface IpiFunc {
        void run(Globaldata target, Object arg);
    }

    /** A remote function call whose argument is an ident (a {@code _wakeup}'s), passed without boxing. */
    @FunctionalInterface
    interface IpiIdentFunc {
        void run(Globaldata target, long ident);
    }

    /**
     * One source's FIFO to one target: each message is an {@link IpiFunc} with its argument or an
     * {@link IpiIdentFunc} with its ident, held in parallel arrays (a power of two long, grown when full) so that a
     * send allocates nothing.
     */
    private static final class Ring {
        final CacheLine windex;
        long written;
        private Object[] funcs = new Object[8];
        private Object[] args = new Object[8];
        private long[] idents = new long[8];
        private int head;
        private int size;

        Ring(CacheLine windex) {
            this.windex = windex;
        }

        int size() {
            return size;
        }

        void add(Object func, Object arg, long ident) {
            if (size == funcs.length) {
                grow();
            }
            int i = (head + size) & (funcs.length - 1);
            funcs[i] = func;
            args[i] = arg;
            idents[i] = ident;
            size++;
        }

        /** Takes the oldest message off the ring, then runs it on {@code target}. */
        void runFirst(Globaldata target) {
            int i = head;
            Object func = funcs[i];
            Object arg = args[i];
            long ident = idents[i];
            funcs[i] = null;
            args[i] = null;
            head = (i + 1) & (funcs.length - 1);
            size--;
            if (func instanceof IpiFunc f) {
                f.run(target, arg);
            } else {
                ((IpiIdentFunc) func).run(target, ident);
            }
        }

        private void grow() {
            int n = funcs.length;
            Object[] f = new Object[2 * n];
            Object[] a = new Object[2 * n];
            long[] id = new long[2 * n];
            for (int j = 0; j < size; j++) {
                int i = (head + j) & (n - 1);
                f[j] = funcs[i];
                a[j] = args[i];
                id[j] = idents[i];
            }
            funcs = f;
            args = a;
            idents = id;
            head = 0;
        }
    }

    private final SimKernel k;
    private final Coherence coherence;
    private final Lapic lapic;
    private final int n;
    /** rings[src * n + dst], created on first use. */
    private final Ring[] rings;
    /**
     * {@code gd_ipimask}: bit src of row dst (64 sources a word) while that ring is non-empty; the receiver finds
     * its sources by bit scans, as DragonFly's {@code BSFCPUMASK} does, not by testing every CPU.
     */
    private final long[][] pendingFrom;
    private final int[] pendingCount;

    long messages;
    long ipisSent;
    long ipisAvoided;
    long overflows;

    IpiQueues(SimKernel k) {
        this.k = k;
        this.coherence = k.machine.coherence();
        this.lapic = k.machine.lapic();
        this.n = k.ncpus;
        this.rings = new Ring[n * n];
        this.pendingFrom = new long[n][(n + 63) >>> 6];
        this.pendingCount = new int[n];
    }

    /**
     * {@code lwkt_send_ipiq3}: runs {@code func(arg)} on CPU {@code dst}. A send to the current CPU is a direct
     * call. {@code src} is the sending CPU, or -1 from the host thread (a boot-time or swap-time send, which
     * uses the target's own ring and a self-IPI).
     */
    void send(int src, int dst, IpiFunc func, Object arg, boolean passive) {
        if (src == dst) {
            func.run(k.gd(dst), arg);
            return;
        }
        enqueue(src, dst, func, arg, 0, passive);
    }

    /** {@link #send} of a function whose argument is an ident. */
    void sendIdent(int src, int dst, IpiIdentFunc func, long ident, boolean passive) {
        if (src == dst) {
            func.run(k.gd(dst), ident);
            return;
        }
        enqueue(src, dst, func, null, ident, passive);
    }

    private void enqueue(int src, int dst, Object func, Object arg, long ident, boolean passive) {
        int from = src < 0 ? dst : src;
        Ring r = ring(from, dst);
        if (src >= 0 && r.size() > DRAIN_LIMIT) {
            process(k.gd(src));
        }
        if (r.size() >= MAXCPUFIFO) {
            overflows++;
        }
        r.add(func, arg, ident);
        r.written++;
        coherence.store(from, r.windex, r.written);
        messages++;
        long[] mask = pendingFrom[dst];
        long bit = 1L << from;
        if ((mask[from >>> 6] & bit) == 0) {
            mask[from >>> 6] |= bit;
            pendingCount[dst]++;
        }
        if (passive && r.size() < PASSIVE_LIMIT) {
            return;
        }
        if (lapic.sendIpiq(from, dst)) {
            ipisSent++;
            if (k.trace != null) {
                k.trace.ipiSend(k.engine.now(), from, dst);
            }
        } else {
            ipisAvoided++;
        }
    }

    /** Whether messages wait for {@code cpu}. */
    boolean pending(int cpu) {
        return pendingCount[cpu] > 0;
    }

    /** {@code lwkt_process_ipiq}: runs every message queued for {@code gd}, source by source. */
    void process(Globaldata gd) {
        int me = gd.cpu;
        long[] mask = pendingFrom[me];
        while (pendingCount[me] > 0) {
            // sources me+1 .. n-1, then 0 .. me, each bit read when the scan reaches it
            int src = nextPending(mask, me + 1, n);
            if (src < 0) {
                src = nextPending(mask, 0, me + 1);
            }
            while (src >= 0) {
                Ring r = rings[src * n + me];
                // the cached windex: messages queued while we run go to the next pass
                int count = r.size();
                coherence.load(me, r.windex);
                if (k.trace != null && count > 0) {
                    k.trace.ipiReceive(k.engine.now(), me, src, count);
                }
                for (int m = 0; m < count; m++) {
                    r.runFirst(gd);
                }
                if (r.size() == 0) {
                    mask[src >>> 6] &= ~(1L << src);
                    pendingCount[me]--;
                }
                if (src > me) {
                    src = nextPending(mask, src + 1, n);
                    if (src < 0) {
                        src = nextPending(mask, 0, me + 1);
                    }
                } else {
                    src = nextPending(mask, src + 1, me + 1);
                }
            }
        }
    }

    /** The lowest source at or above {@code from} and below {@code limit} with its bit set in {@code mask}, or -1. */
    private static int nextPending(long[] mask, int from, int limit) {
        if (from >= limit) {
            return -1;
        }
        int w = from >>> 6;
        long word = mask[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                int src = (w << 6) + Long.numberOfTrailingZeros(word);
                return src < limit ? src : -1;
            }
            if (++w << 6 >= limit) {
                return -1;
            }
            word = mask[w];
        }
    }

    private Ring ring(int src, int dst) {
        Ring r = rings[src * n + dst];
        if (r == null) {
            r = new Ring(coherence.allocate("ipiq:" + src + ">" + dst, k.machine.topology().cpu(dst).numaNode(), 0));
            rings[src * n + dst] = r;
        }
        return r;
    }
}
