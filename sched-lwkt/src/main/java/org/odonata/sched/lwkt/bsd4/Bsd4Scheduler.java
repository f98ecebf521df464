package org.odonata.sched.lwkt.bsd4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedLock;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.sched.lwkt.usched.EstCpu;
import org.odonata.sched.lwkt.usched.Priorities;
import org.odonata.sched.lwkt.usched.RunQueues;
import org.odonata.sched.lwkt.usched.UschedLwp;

/**
 * usched_bsd4, DragonFly's older user scheduler: a single global set of 3 × 32 run queues under one spinlock,
 * {@code bsd4_spin}, that every CPU takes to queue, pick, dequeue or reprioritise an LWP (so its line bounces
 * between all CPUs, bsd4's scaling limit on many CPUs). A woken LWP goes to the tail of its queue
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
 * Simplifications: the optional SMT heuristic is not modelled and the cache-coherent chooser is always used; the
 * helper thread neither replaces a designated LWP nor wakes another CPU's helper when it finds nothing.
 */
public final class Bsd4Scheduler implements UserScheduler {

    static final int NICEPPQ = 2;
    static final int ESTCPUMAX = EstCpu.ESTCPUPPQ * Priorities.NQS;
    /** Priority units within which a cache-warm LWP is preferred over the best one. */
    static final int UPRI_AFFINITY = 16;
    /** Queue entries examined for a cache-warm LWP ({@code usched_bsd4_queue_checks}). */
    static final int QUEUE_CHECKS = 5;
    static final int RR_INTERVAL = (EstCpu.ESTCPUFREQ + 9) / 10;

    /** {@code usched_bsd4_decay}. */
    static final int DECAY = 8;
    /** {@code bsd4_forking}: a child starts 4 queues behind its parent. */
    static final int FORK_BIAS = 4;

    private final EstCpu est = new EstCpu(ESTCPUMAX);
    private final RunQueues queues = new RunQueues();
    private SchedHost host;
    /** {@code bsd4_spin}. */
    private SchedLock spin;
    private int ncpus;
    /** Per CPU: ticks since it last picked ({@code dd->rrcount}), and ready for a kick ({@code rdyprocmask}). */
    private int[] rrcount;
    private boolean[] ready;
    private int scancpu;

    /**
     * {@code bsd4_resetpriority}: (nice+20)·PPQ/NICEPPQ + estcpu'·PPQ/ESTCPUPPQ, scaled so both maxima together fill
     * 0..127, where estcpu' = estcpu·(batch + BATCHMAX)/(2·BATCHMAX) detunes estcpu to 50–100% by batchiness.
     */
    static int normalPriority(int nice, int estcpu, int batch) {
        int detuned = (int) ((long) estcpu * (batch + EstCpu.BATCHMAX) / (EstCpu.BATCHMAX * 2));
        int p = (nice - Priorities.PRIO_MIN) * Priorities.PPQ / NICEPPQ + detuned * Priorities.PPQ / EstCpu.ESTCPUPPQ;
        int range = Priorities.PRIO_RANGE * Priorities.PPQ / NICEPPQ + ESTCPUMAX * Priorities.PPQ / EstCpu.ESTCPUPPQ;
        return Priorities.BASE_NORMAL + Math.clamp(p * Priorities.MAXPRI / range, 0, Priorities.PRIMASK);
    }

    @Override
    public void init(SchedHost host) {
        this.host = host;
        this.spin = host.spinlock("bsd4_spin");
        this.ncpus = host.topology().cpuCount();
        this.rrcount = new int[ncpus];
        this.ready = new boolean[ncpus];
        Arrays.fill(ready, true);
    }

    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        return scan(state(t));
    }

    /** {@code bsd4_setrunqueue}, under {@code bsd4_spin}. */
    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        UschedLwp s = state(t);
        if (s.queued()) {
            throw new IllegalStateException("LWP " + t.tid() + " is already queued");
        }
        spin.lock();
        try {
            queues.insert(s, false);
            int target = cpu >= 0 && cpu < ncpus && ready[cpu] && host.online(cpu) && worse(cpu, s) ? cpu : scan(s);
            if (worse(target, s)) {
                ready[target] = false;
                host.needResched(target);
            }
        } finally {
            spin.unlock();
        }
    }

    /** {@code bsd4_remrunqueue_locked}, under {@code bsd4_spin}. */
    @Override
    public boolean dequeue(SchedThread t) {
        if (!(t.schedData() instanceof UschedLwp s && s.owner == this && s.queued())) {
            return false;
        }
        spin.lock();
        try {
            return queues.remove(s);
        } finally {
            spin.unlock();
        }
    }

    /** {@code bsd4_select_curproc}: the LWP {@link #choose} finds, with a fresh round-robin count. */
    @Override
    public SchedThread pickNext(int cpu) {
        rrcount[cpu] = 0;
        ready[cpu] = true;
        spin.lock();
        try {
            UschedLwp pick = choose(cpu);
            if (pick == null) {
                return null;
            }
            queues.remove(pick);
            return pick.thread;
        } finally {
            spin.unlock();
        }
    }

    /** {@code bsd4_acquire_curproc} begins: {@code bsd4_recalculate_estcpu} runs at every acquire. */
    @Override
    public void acquiring(int cpu, SchedThread t) {
        UschedLwp s = state(t);
        if (est.recalculateBsd4(s, host.now(), queues.count(), ncpus, DECAY)) {
            resetPriorityLocked(s);
        }
    }

    /**
     * {@code bsd4_acquire_curproc} after a reschedule request: {@code bsd4_release_curproc} hands the CPU to the LWP
     * {@link #choose} finds, of any priority, and the released LWP takes it back only if strictly better
     * ({@code dd->upri > lp->lwp_priority}).
     */
    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        ready[cpu] = true;
        spin.lock();
        try {
            UschedLwp next = choose(cpu);
            return next != null && !(next.priority > state(current).priority);
        } finally {
            spin.unlock();
        }
    }

    /** {@code bsd4_acquire_curproc}'s steal, under {@code bsd4_spin}: strictly better, unmasked. */
    @Override
    public boolean stealDesignation(int cpu, SchedThread current, SchedThread t) {
        spin.lock();
        try {
            return state(current).priority > state(t).priority;
        } finally {
            spin.unlock();
        }
    }

    /**
     * {@code bsd4_chooseproc_locked_cache_coherent}: the best queued LWP, unless one of the first
     * {@value #QUEUE_CHECKS} in run order, within {@value #UPRI_AFFINITY} priority units of it, last ran here.
     */
    private UschedLwp choose(int cpu) {
        UschedLwp best = queues.best();
        if (best == null) {
            return null;
        }
        int seen = 0;
        for (UschedLwp s = best; s != null && seen < QUEUE_CHECKS; s = queues.after(s), seen++) {
            if (s.priority > best.priority + UPRI_AFFINITY) {
                break;
            }
            if (s.thread.cpu() == cpu) {
                return s;
            }
        }
        return best;
    }

    /**
     * {@code bsd4_schedulerclock}: the CPU round-robins every {@value #RR_INTERVAL} ticks and the running LWP's estcpu
     * grows; once a second ({@code schedcpu}) every queued and running LWP is recalculated.
     */
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
            host.needResched(cpu);
        }
        UschedLwp s = state(running);
        est.tick(s);
        resetPriorityLocked(s);
        if (ticks % EstCpu.ESTCPUFREQ == 0 && est.recalculateBsd4(s, host.now(), queues.count(), ncpus, DECAY)) {
            resetPriorityLocked(s);
        }
    }

    /** {@code bsd4_yield}: a reschedule request; the core releases the designation. */
    @Override
    public void yielded(SchedThread t) {
        // the core's release hands the CPU to the best queued LWP, as bsd4's need_user_resched leads to
    }

    /** {@code bsd4_forking}: the child starts {@value #FORK_BIAS} queues behind, half batch. */
    @Override
    public void forked(SchedThread parent, SchedThread child) {
        UschedLwp p = state(parent);
        UschedLwp c = state(child);
        est.forked(p, c, FORK_BIAS, host.now());
        resetPriority(p);
        resetPriority(c);
    }

    /** tsleep's {@code bsd4_recalculate_estcpu} after sleeping through more than one {@code schedcpu} pass. */
    @Override
    public void uloadUpdate(SchedThread t, boolean runnable) {
        if (runnable && t.slptime() > 1) {
            UschedLwp s = state(t);
            est.longSleep(s, host.now());
            resetPriorityLocked(s);
        }
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
        return Priorities.masked(upriOf(cpu)) > Priorities.masked(s.priority);
    }

    private int firstOnline() {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (host.online(cpu)) {
                return cpu;
            }
        }
        return 0;
    }

    /** The once-a-second estcpu pass ({@code schedcpu}) over the queued LWPs. */
    private void recalculateQueued() {
        List<UschedLwp> all = new ArrayList<>(queues.count());
        queues.forEach(all::add);
        for (UschedLwp s : all) {
            if (est.recalculateBsd4(s, host.now(), queues.count(), ncpus, DECAY)) {
                resetPriorityLocked(s);
            }
        }
    }

    /** This scheduler's state for {@code t}; another scheduler's is replaced, keeping the estcpu fraction. */
    private UschedLwp state(SchedThread t) {
        if (t.schedData() instanceof UschedLwp s && s.owner == this) {
            return s;
        }
        UschedLwp s = new UschedLwp(t, this, ESTCPUMAX);
        // every process starts as a fork child does: half batch
        s.batch = EstCpu.BATCHMAX / 2;
        if (t.schedData() instanceof UschedLwp other) {
            s.estcpu = est.rescale(other.estcpu, other.estcpuMax);
        }
        est.restart(s, host.now());
        t.setSchedData(s);
        resetPriority(s);
        return s;
    }

    /**
     * {@code bsd4_resetpriority}: a queued LWP whose queue changed moves to the tail of its new queue, and a queue
     * change asks the LWP's CPU, if ready, to reschedule: always for an LWP that is not queued, and for a queued one
     * when the CPU runs a worse class.
     */
    private void resetPriority(UschedLwp s) {
        SchedThread t = s.thread;
        SchedClass c = t.schedClass();
        int priority = c == SchedClass.NORMAL ? normalPriority(t.nice(), s.estcpu, s.batch)
                : Priorities.rtPriority(c, t.schedLevel());
        boolean fresh = s.priority == Priorities.NULL;
        boolean changed = c != s.rqClass || Priorities.masked(priority) != Priorities.masked(s.priority);
        int index = Priorities.queueIndex(priority);
        boolean wasQueued = s.queued();
        if (wasQueued && changed) {
            queues.remove(s);
        }
        s.rqClass = c;
        s.rqIndex = index;
        s.priority = priority;
        if (wasQueued && changed) {
            queues.insert(s, false);
        }
        t.setUpri(Priorities.upri(priority));
        int cpu = t.cpu();
        if (changed && !fresh && cpu >= 0 && cpu < ncpus && ready[cpu] && host.online(cpu) && (!wasQueued
                || (upriOf(cpu) & ~Priorities.PRIMASK) > (priority & ~Priorities.PRIMASK))) {
            ready[cpu] = false;
            host.needResched(cpu);
        }
    }

    /** {@code bsd4_resetpriority}, which takes {@code bsd4_spin} itself. */
    private void resetPriorityLocked(UschedLwp s) {
        spin.lock();
        try {
            resetPriority(s);
        } finally {
            spin.unlock();
        }
    }

    /** {@code dd->upri}: the designated LWP's priority, NULL when the CPU has none. */
    private int upriOf(int cpu) {
        SchedThread cur = host.current(cpu);
        return cur == null ? Priorities.NULL : state(cur).priority;
    }
}
