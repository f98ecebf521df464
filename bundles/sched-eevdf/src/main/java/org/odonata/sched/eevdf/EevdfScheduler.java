package org.odonata.sched.eevdf;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.FifoQueue;
import org.odonata.api.sched.kit.VtimeQueue;

/**
 * Linux's EEVDF (Earliest Eligible Virtual Deadline First, {@code kernel/sched/fair.c} since 6.6, after Stoica
 * and Abdel-Wahab 1995) on per-CPU run queues. Each LWP's vruntime grows with its user time divided by its weight
 * (nice: {@code sched_prio_to_weight}); a CPU's virtual time V is the weighted average vruntime of its queue and
 * the LWP running there ({@code avg_vruntime}); an LWP is eligible when its vruntime is at most V, and each CPU
 * runs the eligible LWP with the earliest virtual deadline, vruntime plus a slice of 3 ms in virtual time
 * ({@code pick_eevdf}, {@code sysctl_sched_base_slice} = 0.75 ms × (1 + log2 CPUs) up to 8 CPUs). An LWP that
 * sleeps keeps its lag, V − vruntime, clamped to two slices ({@code update_entity_lag}), and wakes placed at V
 * minus that lag scaled by the queue's load ({@code place_entity}); a new LWP starts at V with half a slice
 * ({@code PLACE_DEADLINE_INITIAL}). A waking LWP preempts the running one when it would be picked over it
 * ({@code check_preempt_wakeup_fair}); the running one gets a new deadline when it passes its own and gives way
 * to a better one ({@code update_deadline}); a yield pushes its deadline a slice back ({@code yield_task_fair}).
 * Load balancing: an idle CPU pulls from the busiest ({@code newidle_balance}), and every fourth tick a CPU pulls
 * one LWP from a CPU with at least two more, its own L3 first ({@code load_balance} over two domains); a moved LWP
 * keeps its lag and relative deadline. Idle-class LWPs weigh 3 ({@code SCHED_IDLE}).
 * <p>
 * Simplifications: time is accounted at schedclock ticks (50 Hz) and at enqueues and picks, so a running LWP is
 * preempted for a better deadline only at those points, not at the 3 ms slice end; the realtime class is one
 * FIFO queue shared by every CPU and served first (Linux has per-CPU rt queues with push/pull); no cgroups, no
 * {@code RUN_TO_PARITY}, no PELT load averages (balancing counts LWPs).
 */
public final class EevdfScheduler extends DsqScheduler<EevdfEntity> {

    /** {@code NICE_0_LOAD} (without the fixed-point shift). */
    static final int NICE_0_LOAD = 1024;
    static final long BASE_SLICE_NANOS = 750_000L;
    /** Ticks between periodic balancing passes on one CPU (80 ms at 50 Hz). */
    static final int BALANCE_TICKS = 4;

    private final List<VtimeQueue<EevdfEntity>> rq = new ArrayList<>();
    private FifoQueue<EevdfEntity> rt;
    /** The entity each CPU last picked (its {@code cfs_rq->curr} while it runs). */
    private EevdfEntity[] curr;
    /** V where a queue last had entities: an empty queue's virtual time ({@code min_vruntime}'s part). */
    private long[] vclock;
    private int[] ticks;
    private long slice;

    @Override
    protected void setUp() {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            rq.add(newVtime("cfs" + cpu));
        }
        rt = newFifo("rt");
        curr = new EevdfEntity[ncpus];
        vclock = new long[ncpus];
        ticks = new int[ncpus];
        slice = BASE_SLICE_NANOS * (1 + 31 - Integer.numberOfLeadingZeros(Math.min(ncpus, 8)));
    }

    @Override
    protected EevdfEntity newEntity(SchedThread t) {
        EevdfEntity e = new EevdfEntity(t);
        e.accounted = t.runtimeNanos();
        return e;
    }

    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        EevdfEntity e = entity(t);
        e.account();
        if (t.schedClass() == SchedClass.REALTIME) {
            rt.insert(e);
            if (!idle.kickIdle(cpu)) {
                preemptFairCpu();
            }
            return;
        }
        if (wakeup || !e.placed) {
            place(e, cpu);
        } else if (e.vtime() >= e.deadline) {
            e.deadline = e.vtime() + e.fair(slice);
        }
        rq.get(cpu).insert(e);
        if (!wakeup) {
            idle.kickIdleOther(cpu);
        } else if (!idle.kickIdle(cpu) && host.current(cpu) != null && preempts(cpu, host.current(cpu))) {
            host.needResched(cpu);
        }
    }

    @Override
    public void yielded(SchedThread t) {
        EevdfEntity e = entity(t);
        e.account();
        e.deadline += e.fair(slice);
    }

    @Override
    protected EevdfEntity dispatch(int cpu) {
        leave(cpu);
        EevdfEntity e = rt.poll();
        if (e == null) {
            e = pick(cpu);
        }
        if (e == null) {
            e = pullFromBusiest(cpu, 1) ? pick(cpu) : null;
        }
        curr[cpu] = e;
        return e;
    }

    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        return preempts(cpu, current);
    }

    /** A realtime LWP waits for a fair one's CPU, or EEVDF would pick a queued LWP over {@code current}. */
    @Override
    protected boolean preempts(int cpu, SchedThread current) {
        if (current.schedClass() == SchedClass.REALTIME) {
            return false;
        }
        if (!rt.isEmpty()) {
            return true;
        }
        EevdfEntity c = entity(current);
        c.account();
        EevdfEntity best = best(cpu, c);
        return best != null && best != c;
    }

    /** {@code update_deadline} for the running LWP, and the periodic balance. */
    @Override
    public void tick(int cpu, SchedThread running) {
        if (running != null && running == host.current(cpu) && running.schedClass() != SchedClass.REALTIME) {
            EevdfEntity c = entity(running);
            c.account();
            if (c.vtime() >= c.deadline) {
                c.deadline = c.vtime() + c.fair(slice);
                if (!rq.get(cpu).isEmpty()) {
                    host.needResched(cpu);
                }
            }
        }
        if (++ticks[cpu] % BALANCE_TICKS == 0 && host.online(cpu) && pullFromBusiest(cpu, 2)
                && host.current(cpu) == null) {
            idle.kick(cpu);
        }
    }

    // ---- EEVDF --------------------------------------------------------------------------------------------

    /** The LWP running on {@code cpu} and ours, or {@code null}. */
    private EevdfEntity running(int cpu) {
        SchedThread t = host.current(cpu);
        return t != null && curr[cpu] != null && curr[cpu].thread() == t && !curr[cpu].queued() ? curr[cpu] : null;
    }

    /** {@code avg_vruntime}: the load-weighted average vruntime of the queue and {@code also} (if not null). */
    private long avgVruntime(int cpu, EevdfEntity also) {
        VtimeQueue<EevdfEntity> q = rq.get(cpu);
        long base = q.isEmpty() ? Long.MAX_VALUE : q.peek().vtime();
        if (also != null) {
            base = Math.min(base, also.vtime());
        }
        if (base == Long.MAX_VALUE) {
            return vclock[cpu];
        }
        long load = 0;
        long sum = 0;
        for (EevdfEntity e : q.inOrder()) {
            load += e.weight();
            sum += (e.vtime() - base) * e.weight();
        }
        if (also != null) {
            load += also.weight();
            sum += (also.vtime() - base) * also.weight();
        }
        long v = base + sum / load;
        vclock[cpu] = v;
        return v;
    }

    private long load(int cpu, EevdfEntity also) {
        long load = also == null ? 0 : also.weight();
        for (EevdfEntity e : rq.get(cpu).inOrder()) {
            load += e.weight();
        }
        return load;
    }

    /**
     * {@code pick_eevdf}: among the queue and {@code current} (if not null), the eligible entity (vruntime at most
     * V) with the earliest deadline. The queue is in vruntime order, so the eligible ones are a prefix.
     */
    private EevdfEntity best(int cpu, EevdfEntity current) {
        long v = avgVruntime(cpu, current);
        EevdfEntity best = current != null && current.vtime() <= v ? current : null;
        for (EevdfEntity e : rq.get(cpu).inOrder()) {
            if (e.vtime() > v) {
                break;
            }
            if (best == null || e.deadline < best.deadline) {
                best = e;
            }
        }
        return best;
    }

    /** Takes {@link #best} off {@code cpu}'s queue. */
    private EevdfEntity pick(int cpu) {
        EevdfEntity e = best(cpu, null);
        if (e == null) {
            e = rq.get(cpu).peek();
        }
        if (e != null) {
            rq.get(cpu).remove(e);
        }
        return e;
    }

    /** The LWP that ran on {@code cpu} and was not queued again has left it (it blocked or exited): keep its lag. */
    private void leave(int cpu) {
        EevdfEntity prev = curr[cpu];
        curr[cpu] = null;
        if (prev == null || prev.queued() || prev.thread().schedClass() == SchedClass.REALTIME) {
            return;
        }
        prev.account();
        prev.vlag = clampLag(prev, avgVruntime(cpu, prev) - prev.vtime());
    }

    /** {@code update_entity_lag}'s limit: the virtual time of two slices (at least a tick's worth). */
    private long clampLag(EevdfEntity e, long lag) {
        long limit = e.fair(Math.max(2 * slice, 4_000_000L));
        return Math.clamp(lag, -limit, limit);
    }

    /**
     * {@code place_entity}: at V minus its lag, the lag scaled by (load + w) / load so placing it does not move V;
     * the first time with no lag and half a slice to its deadline.
     */
    private void place(EevdfEntity e, int cpu) {
        EevdfEntity running = running(cpu);
        long v = avgVruntime(cpu, running);
        long vslice = e.fair(slice);
        long lag = 0;
        if (e.placed) {
            long load = load(cpu, running);
            lag = load == 0 ? e.vlag : e.vlag * (load + e.weight()) / load;
        } else {
            vslice /= 2;
            e.placed = true;
        }
        e.setVtime(v - lag);
        e.deadline = e.vtime() + vslice;
    }

    /**
     * Moves one LWP to {@code cpu} from the CPU with the most LWPs, if that has at least {@code imbalance} more
     * than {@code cpu}: within {@code cpu}'s L3 first, then anywhere. Takes the queued LWP with the largest
     * vruntime, keeping its lag and relative deadline. Returns whether it moved one.
     */
    private boolean pullFromBusiest(int cpu, int imbalance) {
        int mine = nr(cpu);
        int from = busiest(cpu, true);
        if (from < 0 || nr(from) - mine < imbalance) {
            from = busiest(cpu, false);
        }
        if (from < 0 || nr(from) - mine < imbalance || rq.get(from).isEmpty()) {
            return false;
        }
        EevdfEntity e = rq.get(from).pollLast();
        long lag = avgVruntime(from, running(from)) - e.vtime();
        long relativeDeadline = e.deadline - e.vtime();
        e.setVtime(avgVruntime(cpu, running(cpu)) - lag);
        e.deadline = e.vtime() + relativeDeadline;
        rq.get(cpu).insert(e);
        host.migrated(e.thread(), from, cpu);
        return true;
    }

    private int busiest(int cpu, boolean sameL3) {
        int l3 = host.topology().cpu(cpu).l3Id();
        int best = -1;
        for (int c = 0; c < ncpus; c++) {
            if (c != cpu && (!sameL3 || host.topology().cpu(c).l3Id() == l3) && !rq.get(c).isEmpty()
                    && (best < 0 || nr(c) > nr(best))) {
                best = c;
            }
        }
        return best;
    }

    /** LWPs on {@code cpu}: queued, plus the one running. */
    private int nr(int cpu) {
        return rq.get(cpu).size() + (host.current(cpu) != null ? 1 : 0);
    }

    /** A realtime LWP is queued and no CPU is idle: the first CPU running a fair LWP gives way. */
    private void preemptFairCpu() {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            SchedThread cur = host.online(cpu) ? host.current(cpu) : null;
            if (cur != null && !idle.kicked(cpu) && cur.schedClass() != SchedClass.REALTIME) {
                idle.kick(cpu);
                return;
            }
        }
    }
}
