package org.odonata.kern;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.memory.CacheLine;

/**
 * tsleep/wakeup ({@code sys/kern/kern_synch.c}): per-CPU sleep-queue hash tables, a global
 * {@code slpque_cpumasks[]} of CPUs with sleepers per bucket, and per-CPU, per-bucket ident caches
 * ({@code ident0..3}; a fifth distinct ident marks the bucket as collided until it empties). {@code wakeup} handles
 * its own CPU directly and sends {@code _wakeup} IPI messages only to CPUs whose bucket has sleepers and whose
 * cache holds the ident or has collided. Idents are kernel-assigned longs, so bucket choice is deterministic.
 * Cost: O(sleepers in the bucket) per wakeup on each CPU reached, plus one cache-line read per remote CPU checked.
 * Each bucket's {@code slpque_cpumasks[]} word is a line of the machine's memory, priced as DragonFly touches it: an
 * atomic OR at every tsleep ({@code tsleep_interlock}'s {@code ATOMIC_CPUMASK_ORBIT}), an atomic AND-NOT when a CPU's
 * bucket empties, and a load by every {@code _wakeup} that may reach another CPU.
 */
final class SleepQueues {

    static final int TABLESIZE = 1024;
    static final int EWOULDBLOCK = 35;

    private static final class Bucket {
        final List<Td> sleepers = new ArrayList<>();
        final long[] idents = new long[4];
        int nidents;
        boolean collided;

        boolean mayHold(long ident) {
            if (collided) {
                return true;
            }
            for (int i = 0; i < nidents; i++) {
                if (idents[i] == ident) {
                    return true;
                }
            }
            return false;
        }

        void cache(long ident) {
            if (collided || mayHold(ident)) {
                return;
            }
            if (nidents < idents.length) {
                idents[nidents++] = ident;
            } else {
                collided = true;
            }
        }
    }

    private final SimKernel k;
    /** buckets[cpu][hash], created on first use. */
    private final Bucket[][] buckets;
    /** Words of one CPU mask. */
    private final int words;
    /** {@code slpque_cpumasks[b]}: words [b * words, (b + 1) * words), bit c set while CPU c has sleepers in bucket b. */
    private final long[] cpumasks;
    /**
     * The lines holding {@link #cpumasks}, created at a bucket's first tsleep; each counts the CPUs with sleepers.
     * A wakeup on a bucket nobody ever slept on reads nothing.
     */
    private final CacheLine[] cpumaskLines = new CacheLine[TABLESIZE];

    /** The {@code _wakeup} IPI function of each waker CPU, for all sleepers [2 * cpu] and for one [2 * cpu + 1]. */
    private final IpiQueues.IpiIdentFunc[] remoteWakeups;

    long wakeups;
    long wakeupIpis;

    SleepQueues(SimKernel k) {
        this.k = k;
        this.buckets = new Bucket[k.ncpus][];
        this.words = (k.ncpus + 63) >>> 6;
        this.cpumasks = new long[TABLESIZE * words];
        this.remoteWakeups = new IpiQueues.IpiIdentFunc[2 * k.ncpus];
    }

    static int hash(long ident) {
        return (int) ((ident * 0x9E3779B97F4A7C15L) >>> 54);
    }

    /**
     * Puts the current thread {@code td} to sleep on {@code ident} for at most {@code timeoutNanos} (0 = no
     * limit); returns 0 when woken, {@link #EWOULDBLOCK} on timeout. Like DragonFly's tsleep the caller rechecks its
     * condition: wakeups may be spurious.
     */
    int tsleep(Td td, long ident, String wmesg, long timeoutNanos) {
        Globaldata gd = td.gd;
        k.lwkt.critEnter(td);
        int b = hash(ident);
        Bucket bucket = bucket(gd.cpu, b);
        bucket.sleepers.add(td);
        bucket.cache(ident);
        int w = b * words + (gd.cpu >>> 6);
        long bit = 1L << gd.cpu;
        // ATOMIC_CPUMASK_ORBIT(slpque_cpumasks[cid], gd->gd_cpuid), at every tsleep (tsleep_interlock)
        k.machine.coherence().fetchAdd(gd.cpu, cpumaskLine(b), (cpumasks[w] & bit) != 0 ? 0 : 1);
        cpumasks[w] |= bit;
        td.wchan = ident;
        td.wmesg = wmesg;
        td.sleeping = true;
        td.timedOut = false;
        if (timeoutNanos > 0) {
            td.sleepTimer = k.timers.add(gd, k.engine.now() + timeoutNanos, 0, g -> timeout(g, td));
        }
        Lwp lp = td.lwp;
        if (lp != null) {
            lp.sleepStart = k.engine.now();
            lp.slptime = 0;
            // a blocked LWP wakes at kernel priority, ahead of user-mode threads (lwkt_passive_release)
            td.pri = Tdpri.KERN_USER;
        }
        k.lwkt.descheduleSelf(td);
        k.lwkt.lwktSwitch(td);
        if (lp != null) {
            // tsleep: a sleeper that a schedcpu pass saw asleep counts as load again
            if (lp.slptime > 0) {
                k.usched.uloadUpdate(lp, true);
            }
            lp.slptime = 0;
        }
        k.lwkt.critExit(td);
        return td.timedOut ? EWOULDBLOCK : 0;
    }

    /** Wakes every thread sleeping on {@code ident}, from CPU {@code me} (-1: the host thread). */
    void wakeup(int me, long ident) {
        wakeup(me, ident, false);
    }

    /**
     * {@code wakeup_one} ({@code PWAKEUP_ONE}): the first sleeper on {@code ident} on CPU {@code me}; if there is none,
     * the first one on each other CPU whose bucket may hold the ident, as {@code _wakeup} passes the flag along.
     */
    void wakeupOne(int me, long ident) {
        wakeup(me, ident, true);
    }

    /** {@code _wakeup}: this CPU directly, then an IPI to each other CPU whose bucket may hold the ident. */
    private void wakeup(int me, long ident, boolean one) {
        int b = hash(ident);
        if (me >= 0 && wakeupLocal(k.gd(me), ident, me, one) && one) {
            return;
        }
        if (cpumaskLines[b] == null) {
            return;
        }
        if (me >= 0) {
            // _wakeup: cpu_mfence(); mask = slpque_cpumasks[cid]
            k.machine.coherence().load(me, cpumaskLine(b));
        }
        // each bit is read when the scan reaches it: a wakeup run while sending may clear later ones
        for (int c = nextCpu(b, 0); c >= 0; c = nextCpu(b, c + 1)) {
            if (c == me) {
                continue;
            }
            // reading the remote CPU's bucket cache costs a line transfer from it
            if (me >= 0) {
                k.gd(me).hw.charge(k.machine.costs().line(k.machine.topology().distance(me, c)));
            }
            Bucket bucket = buckets[c] == null ? null : buckets[c][b];
            if (bucket == null || !bucket.mayHold(ident)) {
                continue;
            }
            wakeupIpis++;
            k.ipiq.sendIdent(me, c, remoteWakeup(me, one), ident, false);
        }
    }

    /** The IPI function that runs {@link #wakeupLocal} for waker {@code me} on the target CPU; made once per CPU. */
    private IpiQueues.IpiIdentFunc remoteWakeup(int me, boolean one) {
        if (me < 0) {
            return (g, ident) -> wakeupLocal(g, ident, me, one);
        }
        int i = 2 * me + (one ? 1 : 0);
        IpiQueues.IpiIdentFunc f = remoteWakeups[i];
        if (f == null) {
            f = remoteWakeups[i] = (g, ident) -> wakeupLocal(g, ident, me, one);
        }
        return f;
    }

    /**
     * {@code _wakeup} on one CPU: every sleeper on {@code ident} there (only the first with {@code one}) is made
     * runnable; returns whether any was. {@code waker} is the CPU whose code called wakeup.
     */
    boolean wakeupLocal(Globaldata gd, long ident, int waker, boolean one) {
        Bucket[] table = buckets[gd.cpu];
        int b = hash(ident);
        Bucket bucket = table == null ? null : table[b];
        if (bucket == null || bucket.sleepers.isEmpty()) {
            return false;
        }
        // the sleepers are collected before any is woken (waking edits the list); a list is built only for a
        // second one, since a wakeup usually finds one
        List<Td> sleepers = bucket.sleepers;
        Td first = null;
        List<Td> more = null;
        for (int i = 0; i < sleepers.size(); i++) {
            Td td = sleepers.get(i);
            if (td.wchan == ident) {
                if (first == null) {
                    first = td;
                    if (one) {
                        break;
                    }
                } else {
                    if (more == null) {
                        more = new ArrayList<>();
                    }
                    more.add(td);
                }
            }
        }
        if (first == null) {
            return false;
        }
        wake(gd, first, b, waker);
        if (more != null) {
            for (Td td : more) {
                wake(gd, td, b, waker);
            }
        }
        return true;
    }

    private void wake(Globaldata gd, Td td, int b, int waker) {
        unsleep(gd, td, b);
        // _wakeup: td_wakefromcpu = PWAKEUP_DECODE(domain), the CPU that called wakeup (kern_synch.c)
        td.wakefromcpu = waker;
        wakeups++;
        traceWakeup(waker, gd, td);
        k.lwkt.scheduleLocal(gd, td);
    }

    private void timeout(Globaldata gd, Td td) {
        td.sleepTimer = null;
        if (!td.sleeping) {
            return;
        }
        td.timedOut = true;
        unsleep(gd, td, hash(td.wchan));
        traceWakeup(gd.cpu, gd, td);
        k.lwkt.scheduleLocal(gd, td);
    }

    private void traceWakeup(int waker, Globaldata gd, Td td) {
        if (k.trace != null) {
            k.trace.wakeup(k.engine.now(), waker, td.tid, gd.cpu);
        }
    }

    private void unsleep(Globaldata gd, Td td, int b) {
        Bucket bucket = buckets[gd.cpu][b];
        bucket.sleepers.remove(td);
        if (bucket.sleepers.isEmpty()) {
            bucket.nidents = 0;
            bucket.collided = false;
            cpumasks[b * words + (gd.cpu >>> 6)] &= ~(1L << gd.cpu);
            // ATOMIC_CPUMASK_NANDBIT(slpque_cpumasks[cid], gd->gd_cpuid)
            k.machine.coherence().fetchAdd(gd.cpu, cpumaskLine(b), -1);
        }
        td.sleeping = false;
        td.wchan = 0;
        td.wmesg = "";
        if (td.sleepTimer != null) {
            k.timers.cancel(td.sleepTimer);
            td.sleepTimer = null;
        }
        if (td.lwp != null) {
            td.lwp.woke(k.engine.now());
        }
    }

    /** Checks that each bucket's {@code slpque_cpumasks} line counts the CPUs whose bucket has sleepers. */
    void checkCpumasks() {
        for (int b = 0; b < TABLESIZE; b++) {
            long line = cpumaskLines[b] == null ? 0 : cpumaskLines[b].peek();
            int cpus = 0;
            for (int c = 0; c < k.ncpus; c++) {
                Bucket bucket = buckets[c] == null ? null : buckets[c][b];
                cpus += bucket != null && !bucket.sleepers.isEmpty() ? 1 : 0;
            }
            int marked = 0;
            for (int c = nextCpu(b, 0); c >= 0; c = nextCpu(b, c + 1)) {
                marked++;
            }
            if (line != cpus || marked != cpus) {
                throw new IllegalStateException("slpque_cpumasks[" + b + "] says " + line + " CPUs (mask has "
                        + marked + "), " + cpus + " CPUs have sleepers there");
            }
        }
    }

    /** The lowest CPU at or above {@code from} whose bit is set in bucket {@code b}'s mask, or -1. */
    private int nextCpu(int b, int from) {
        if (from >= k.ncpus) {
            return -1;
        }
        int base = b * words;
        int w = from >>> 6;
        long word = cpumasks[base + w] & (-1L << from);
        while (word == 0) {
            if (++w == words) {
                return -1;
            }
            word = cpumasks[base + w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
    }

        private CacheLine cpumaskLine(int b) {
        CacheLine line = cpumaskLines[b];
        if (line == null) {
            line = cpumaskLines[b] = k.machine.coherence().allocate("slpque_cpumasks:" + b, 0, 0);
        }
        return line;
    }

    private Bucket bucket(int cpu, int b) {
        Bucket[] table = buckets[cpu];
        if (table == null) {
            table = buckets[cpu] = new Bucket[TABLESIZE];
        }
        Bucket bucket = table[b];
        if (bucket == null) {
            bucket = table[b] = new Bucket();
        }
        return bucket;
    }
}
