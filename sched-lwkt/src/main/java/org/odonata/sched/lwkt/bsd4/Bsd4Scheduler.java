package org.odonata.sched.lwkt.bsd4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.sched.lwkt.usched.EstCpu;
import org.odonata.sched.lwkt.usched.Priorities;
import org.odonata.sched.lwkt.usched.RunQueues;
import org.odonata.sched.lwkt.usched.UschedLwp;

/**
 * usched_bsd4, DragonFly's older user scheduler: a single global set of 3 × 32 run queues (one lock,
 * {@code bsd4_spin}, in the original) that every CPU picks from. A woken LWP goes to the tail of its queue
 * and the scan from a rotating start ({@code bsd4_scancpu}) kicks a ready CPU without a user thread, else one
 * running a worse one. Each CPU round-robins its designated LWP every {@code rrInterval} ticks; picking
 * prefers, within {@value #UPRI_AFFINITY} priority units of the best and {@value #QUEUE_CHECKS} candidates,
 * an LWP that last ran on the picking CPU.
 * <p>
 * Guarantees: every enqueued LWP is on the global queues exactly once until picked, dequeued or exported;
 * no CPU stays idle while an LWP waits (every enqueue kicks an idle ready CPU if there is one).
 * Cost: O(1) queue operations; the CPU scan on enqueue is O(ncpus); picking looks at most
 * {@value #QUEUE_CHECKS} entries.
 * <p>
 * Simplifications: estcpu decays by the same measured-share average as dfly (bsd4 decays by idle ticks); the
 * optional SMT and cache-coherent heuristics are reduced to the last-CPU preference.
 */
public final class Bsd4Scheduler implements UserScheduler {

    static final int NICEPPQ = 2;
    static final int ESTCPUMAX = EstCpu.ESTCPUPPQ * Priorities.NQS;
    /** Priority units within which a cache-warm LWP is preferred over the best one. */
    static final int UPRI_AFFINITY = 16;
    /** Queue entries examined for a cache-warm LWP ({@code usched_bsd4_queue_checks}). */
    static final int QUEUE_CHECKS = 5;
    static final int RR_INTERVAL = (EstCpu.ESTCPUFREQ + 9) / 10;
    static final int DECAY = 8;

    private final EstCpu est = new EstCpu(ESTCPUMAX, DECAY);
    private final RunQueues queues = new RunQueues();
    private SchedHost host;
    private int ncpus;
    /** Per CPU: ticks since it last picked, the quantum ran out, and ready for a kick ({@code rdyprocmask}). */
    private int[] rrcount;
    private boolean[] expired;
    private boolean[] ready;
    /**
     * The LWP this CPU just gave up and re-queued: in DragonFly it is not yet queued when the CPU chooses its
     * successor, so it must not win the cache-affinity preference.
     */
    private UschedLwp[] released;
    private int scancpu;

    /** (nice+20)·PPQ/NICEPPQ + estcpu·PPQ/ESTCPUPPQ, scaled so both maxima together fill 0..127. */
    static int normalPriority(int nice, int estcpu) {
        int p = (nice - Priorities.PRIO_MIN) * Priorities.PPQ / NICEPPQ + estcpu * Priorities.PPQ / EstCpu.ESTCPUPPQ;
        int range = Priorities.PRIO_RANGE * Priorities.PPQ / NICEPPQ + ESTCPUMAX * Priorities.PPQ / EstCpu.ESTCPUPPQ;
        return Priorities.BASE_NORMAL + Math.clamp(p * Priorities.MAXPRI / range, 0, Priorities.PRIMASK);
    }

    @Override
    public void init(SchedHost host) {
        this.host = host;
        this.ncpus = host.topology().cpuCount();
        this.rrcount = new int[ncpus];
        this.expired = new boolean[ncpus];
        this.ready = new boolean[ncpus];
        this.released = new UschedLwp[ncpus];
        Arrays.fill(ready, true);
    }

    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        return scan(state(t));
    }

    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        UschedLwp s = state(t);
        if (s.queued()) {
            throw new IllegalStateException("LWP " + t.tid() + " is already queued");
        }
        long now = host.now();
        if (!(wakeup && est.wokeUp(s, now))) {
            est.recalculate(s, now, runnable(), ncpus);
        }
        resetPriority(s);
        queues.insert(s, false);
        if (!wakeup && cpu >= 0 && cpu < ncpus) {
            released[cpu] = s;
        }
        int target = cpu >= 0 && cpu < ncpus && ready[cpu] && host.online(cpu) && worse(cpu, s) ? cpu : scan(s);
        if (worse(target, s)) {
            ready[target] = false;
            host.needResched(target);
        }
    }

    @Override
    public boolean dequeue(SchedThread t) {
        return t.schedData() instanceof UschedLwp s && s.owner == this && queues.remove(s);
    }

    @Override
    public SchedThread pickNext(int cpu) {
        rrcount[cpu] = 0;
        expired[cpu] = false;
        ready[cpu] = true;
        UschedLwp pick = choose(cpu, released[cpu]);
        released[cpu] = null;
        if (pick == null) {
            return null;
        }
        queues.remove(pick);
        if (est.recalculate(pick, host.now(), runnable(), ncpus)) {
            resetPriority(pick);
        }
        return pick.thread;
    }

    /**
     * The designated LWP gives way if the LWP this CPU would choose is strictly better, or, once the quantum
     * ran out, no worse (the round-robin). This is bsd4's release-then-steal-back: the CPU chooses a
     * successor, and the released LWP takes the designation back when it is strictly better.
     */
    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        boolean quantumOver = expired[cpu];
        expired[cpu] = false;
        ready[cpu] = true;
        UschedLwp mine = state(current);
        UschedLwp next = choose(cpu, mine);
        return next != null && (next.priority < mine.priority || (quantumOver && next.priority <= mine.priority));
    }

    /**
     * {@code bsd4_chooseproc_locked_cache_coherent}: the best queued LWP, unless one of the first
     * {@value #QUEUE_CHECKS} in run order, within {@value #UPRI_AFFINITY} priority units of it, last ran here.
     * {@code justReleased} (the LWP this CPU just gave up, not yet queued in DragonFly) gets no such preference.
     */
    private UschedLwp choose(int cpu, UschedLwp justReleased) {
        UschedLwp best = queues.best();
        if (best == null) {
            return null;
        }
        int seen = 0;
        for (UschedLwp s = best; s != null && seen < QUEUE_CHECKS; s = queues.after(s), seen++) {
            if (s.priority > best.priority + UPRI_AFFINITY) {
                break;
            }
            if (s.thread.cpu() == cpu && s != justReleased) {
                return s;
            }
        }
        return best;
    }

    @Override
    public void tick(int cpu, SchedThread running) {
        long ticks = host.now() / EstCpu.TICK_NANOS;
        if (ticks % EstCpu.ESTCPUFREQ == 0 && cpu == firstOnline()) {
            recalculateQueued();
        }
        if (running == null) {
            return;
        }
        if (++rrcount[cpu] >= RR_INTERVAL) {
            rrcount[cpu] = 0;
            expired[cpu] = true;
            host.needResched(cpu);
        }
        UschedLwp s = state(running);
        est.tick(s);
        resetPriority(s);
        if (ticks % EstCpu.ESTCPUFREQ == 0 && est.recalculate(s, host.now(), runnable(), ncpus)) {
            resetPriority(s);
        }
    }

    @Override
    public void yielded(SchedThread t) {
        // the core re-enqueues it at the tail of its queue, behind its equals
    }

    @Override
    public void forked(SchedThread parent, SchedThread child) {
        UschedLwp p = state(parent);
        UschedLwp c = state(child);
        est.forked(p, c, 1, host.now());
        resetPriority(p);
        resetPriority(c);
    }

    @Override
    public void exited(SchedThread t) {
        // nothing per LWP outlives it
    }

    @Override
    public int queued() {
        return queues.count();
    }

    @Override
    public List<SchedThread> exportRunnable() {
        List<UschedLwp> drained = new ArrayList<>(queues.count());
        for (SchedClass c : RunQueues.classesBestFirst()) {
            for (int q = 0; q < Priorities.NQS; q++) {
                queues.drainQueue(c, q, drained);
            }
        }
        List<SchedThread> out = new ArrayList<>(drained.size());
        for (UschedLwp s : drained) {
            out.add(s.thread);
        }
        return out;
    }

    @Override
    public void importRunnable(List<SchedThread> threads) {
        for (SchedThread t : threads) {
            enqueue(t, t.cpu(), true);
        }
    }

    /**
     * {@code bsd4_setrunqueue}'s CPU scan from the rotating start: a ready CPU with no user thread (or one no
     * better than {@code s}), else one running a worse thread, else the start itself.
     */
    private int scan(UschedLwp s) {
        int start = Math.floorMod(++scancpu, ncpus);
        int mine = Priorities.masked(s.priority);
        for (int i = 0; i < ncpus; i++) {
            int cpu = (start + i) % ncpus;
            if (ready[cpu] && host.online(cpu) && host.current(cpu) == null) {
                return cpu;
            }
        }
        for (int i = 0; i < ncpus; i++) {
            int cpu = (start + i) % ncpus;
            if (host.online(cpu) && host.current(cpu) != null
                    && Priorities.masked(state(host.current(cpu)).priority) > mine) {
                return cpu;
            }
        }
        return host.online(start) ? start : firstOnline();
    }

    /** Whether {@code cpu} runs nothing, or something worse than {@code s} at queue granularity. */
    private boolean worse(int cpu, UschedLwp s) {
        SchedThread cur = host.current(cpu);
        int upri = cur == null ? Priorities.NULL : state(cur).priority;
        return Priorities.masked(upri) > Priorities.masked(s.priority);
    }

    private int firstOnline() {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (host.online(cpu)) {
                return cpu;
            }
        }
        return 0;
    }

    private int runnable() {
        int n = queues.count();
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (host.current(cpu) != null) {
                n++;
            }
        }
        return n;
    }

    /** The once-a-second estcpu pass ({@code schedcpu}) over the queued LWPs. */
    private void recalculateQueued() {
        List<UschedLwp> all = new ArrayList<>(queues.count());
        queues.forEach(all::add);
        int runnable = runnable();
        for (UschedLwp s : all) {
            if (est.recalculate(s, host.now(), runnable, ncpus)) {
                resetPriority(s);
            }
        }
    }

    /** This scheduler's state for {@code t}; another scheduler's is replaced, keeping the estcpu fraction. */
    private UschedLwp state(SchedThread t) {
        if (t.schedData() instanceof UschedLwp s && s.owner == this) {
            return s;
        }
        UschedLwp s = new UschedLwp(t, this, ESTCPUMAX);
        if (t.schedData() instanceof UschedLwp other) {
            s.estcpu = est.rescale(other.estcpu, other.estcpuMax);
        }
        est.restart(s, host.now());
        t.setSchedData(s);
        resetPriority(s);
        return s;
    }

    /** {@code bsd4_resetpriority}: a queued LWP whose queue changed moves to the tail of its new queue. */
    private void resetPriority(UschedLwp s) {
        SchedThread t = s.thread;
        SchedClass c = t.schedClass();
        int priority = c == SchedClass.NORMAL ? normalPriority(t.nice(), s.estcpu) : Priorities.rtPriority(c, t.schedLevel());
        int index = Priorities.queueIndex(priority);
        if (s.queued() && (c != s.rqClass || index != s.rqIndex)) {
            queues.remove(s);
            s.rqClass = c;
            s.rqIndex = index;
            queues.insert(s, false);
        } else if (!s.queued()) {
            s.rqClass = c;
            s.rqIndex = index;
        }
        s.priority = priority;
        t.setUpri(Priorities.upri(priority));
    }
}
