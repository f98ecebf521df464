package org.odonata.sched.lwkt.dfly;

import java.util.ArrayList;
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
 * usched_dfly, DragonFly's default user scheduler. Every CPU has its own 3 × 32 run queues; a woken LWP is
 * placed by {@link ChooseQueue#best} over the topology tree, a preempted one may be pushed elsewhere the same
 * way, an idle CPU pulls the worst LWP of the most loaded queue, and every 8 schedclock ticks one CPU in turn
 * (the rover) pulls from the most loaded queue if its own load is lower. Priorities come from nice and estcpu
 * ({@code dfly_resetpriority}); equal priorities round-robin every {@code rrInterval} ticks.
 * <p>
 * Guarantees: every enqueued LWP is on exactly one CPU's queues until picked, dequeued or exported; loads are
 * derived from the queues and the designated LWPs, so nothing leaks when an LWP exits or sleeps.
 * Cost: enqueue, dequeue and pickNext are O(1) plus {@link ChooseQueue} (O(ncpus)) when placement or a pull
 * is needed; tick is O(1) but for the once-a-second estcpu pass over the CPU's queue.
 * <p>
 * Simplifications: a CPU's uload counts its queued and designated LWPs only (DragonFly keeps a sleeper
 * counted until it has slept a second); batch detection (TDF_MP_BATCH_DEMARC) is not modelled.
 */
public final class DflyScheduler implements UserScheduler {

    /** nice -20..20 spans this many queues. */
    static final int NICE_QS = 24;
    /** estcpu 0..max spans this many queues. */
    static final int EST_QS = 20;
    static final int ESTCPUMAX = EstCpu.ESTCPUPPQ * EST_QS;

    private final DflyTunables tun;
    private final EstCpu est;
    private SchedHost host;
    private int ncpus;
    private DflyPcpu[] pcpu;
    private ChooseQueue choose;
    private int queued;

    public DflyScheduler() {
        this(DflyTunables.DEFAULTS);
    }

    public DflyScheduler(DflyTunables tunables) {
        this.tun = tunables;
        this.est = new EstCpu(ESTCPUMAX, tunables.decay());
    }

    /** Normal class: (nice+20)·(NICE_QS·PPQ)/41 + estcpu·PPQ/ESTCPUPPQ, clamped to 0..127, above the base. */
    static int normalPriority(int nice, int estcpu) {
        int p = (nice - Priorities.PRIO_MIN) * (NICE_QS * Priorities.PPQ) / Priorities.PRIO_RANGE
                + estcpu * Priorities.PPQ / EstCpu.ESTCPUPPQ;
        return Priorities.BASE_NORMAL + Math.clamp(p, 0, Priorities.PRIMASK);
    }

    /** estcpu/32, scaled geometrically by nice: a niced-down LWP weighs more, a niced-up one less. */
    static int uload(int estcpu, int nice) {
        int u = estcpu / Priorities.NQS;
        return u - u * nice / (Priorities.PRIO_MAX + 1);
    }

    @Override
    public void init(SchedHost host) {
        this.host = host;
        this.ncpus = host.topology().cpuCount();
        this.pcpu = new DflyPcpu[ncpus];
        for (int cpu = 0; cpu < ncpus; cpu++) {
            pcpu[cpu] = new DflyPcpu(cpu);
        }
        this.choose = new ChooseQueue(this, CpuNode.build(host.topology()), tun);
    }

    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        return choose.best(state(t), wakerCpu);
    }

    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        DflyLwp s = state(t);
        if (s.queued()) {
            throw new IllegalStateException("LWP " + t.tid() + " is already queued on CPU " + s.qcpu);
        }
        long now = host.now();
        if (!(wakeup && est.wokeUp(s, now))) {
            est.recalculate(s, now, runnable(s), ncpus);
        }
        resetPriority(s);
        int target = online(cpu) ? cpu : choose.best(s, -1);
        if (!wakeup && !s.didYield) {
            boolean expired = s.rrcount >= tun.rrInterval();
            if (tun.has(expired ? DflyTunables.PUSH_EXPIRED : DflyTunables.PUSH)) {
                target = choose.best(s, -1);
            }
        }
        changeQcpu(s, target);
        setRunqueueDd(s, cpu);
    }

    @Override
    public boolean dequeue(SchedThread t) {
        if (t.schedData() instanceof DflyLwp s && s.owner == this && s.queued()) {
            remove(s);
            return true;
        }
        return false;
    }

    /**
     * The best LWP queued here ({@code dfly_select_curproc}). Only when the CPU's helper thread was woken
     * (the CPU was idle and got a reschedule request or its poll found work) may it instead pull (feature 0x01)
     * the worst LWP of the most loaded queue, if that queue's uload exceeds this CPU's by more than weight7.
     */
    @Override
    public SchedThread pickNext(int cpu) {
        DflyPcpu d = pcpu[cpu];
        boolean helper = d.helperWoken;
        d.helperWoken = false;
        DflyLwp s = (DflyLwp) d.queues.best();
        if (s != null) {
            remove(s);
        } else if (helper && tun.has(DflyTunables.IDLE_PULL)) {
            s = pullWorst(cpu, tun.weight7());
        }
        if (s == null) {
            return null;
        }
        if (est.recalculate(s, host.now(), runnable(null), ncpus)) {
            resetPriority(s);
        }
        return s.thread;
    }

    /**
     * Yield to a queued LWP better by more than fast_resched; once the quantum has expired, to an equal one
     * too (round-robin); and (feature 0x08) give way when the topology says another CPU suits it better.
     */
    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        DflyLwp s = state(current);
        int mine = Priorities.masked(s.priority);
        boolean expired = s.rrcount >= tun.rrInterval();
        UschedLwp best = pcpu[cpu].queues.best();
        if (best != null) {
            int theirs = best.queuePriority();
            if (theirs + tun.fastResched() < mine || (expired && theirs <= mine)) {
                return true;
            }
        }
        return expired && tun.has(DflyTunables.PUSH_EXPIRED) && choose.best(s, -1) != cpu;
    }

    /**
     * An offline CPU takes no rover turn, which would pull an LWP into a queue no CPU serves, and its helper does not
     * poll for work it may not run.
     */
    @Override
    public void tick(int cpu, SchedThread running) {
        long ticks = host.now() / EstCpu.TICK_NANOS;
        boolean online = host.online(cpu);
        if (running != null) {
            DflyLwp s = state(running);
            if (++s.rrcount >= tun.rrInterval()) {
                host.needResched(cpu);
            }
            est.tick(s);
            resetPriority(s);
        } else if (online) {
            helperPoll(cpu);
        }
        if (ticks % EstCpu.ESTCPUFREQ == 0) {
            recalculateAll(cpu, running);
        }
        // an idle CPU takes its rover turn too: tick is the only periodic hook it has in the SPI
        if (online && tun.has(DflyTunables.ROVER) && (ticks & 7) == 0 && (ticks / 8) % ncpus == cpu) {
            rover(cpu);
        }
    }

    @Override
    public void yielded(SchedThread t) {
        state(t).didYield = true;
    }

    @Override
    public void forked(SchedThread parent, SchedThread child) {
        DflyLwp p = state(parent);
        DflyLwp c = state(child);
        c.qcpu = p.qcpu;
        est.forked(p, c, tun.forkBias(), host.now());
        resetPriority(p);
        resetPriority(c);
    }

    @Override
    public void exited(SchedThread t) {
        // nothing to undo: loads are derived from the queues and the designated LWPs
    }

    @Override
    public int queued() {
        return queued;
    }

    /** Best first across the whole machine: class, then queue index, then CPU, each queue head first. */
    @Override
    public List<SchedThread> exportRunnable() {
        List<UschedLwp> drained = new ArrayList<>(queued);
        for (SchedClass c : RunQueues.classesBestFirst()) {
            for (int q = 0; q < Priorities.NQS; q++) {
                for (DflyPcpu d : pcpu) {
                    d.queues.drainQueue(c, q, drained);
                }
            }
        }
        for (DflyPcpu d : pcpu) {
            d.queuedUload = 0;
        }
        queued = 0;
        List<SchedThread> out = new ArrayList<>(drained.size());
        for (UschedLwp s : drained) {
            out.add(s.thread);
        }
        return out;
    }

    /** Each LWP is placed as a wakeup would place it, at the tail, so equal LWPs keep their exported order. */
    @Override
    public void importRunnable(List<SchedThread> threads) {
        choose.beginImport();
        try {
            for (SchedThread t : threads) {
                DflyLwp s = state(t);
                if (s.queued()) {
                    throw new IllegalStateException("imported LWP " + t.tid() + " is already queued");
                }
                s.rrcount = tun.rrInterval();
                changeQcpu(s, choose.best(s, -1));
                setRunqueueDd(s, -1);
                choose.queuedDuringImport(s.qcpu);
            }
        } finally {
            choose.endImport();
        }
    }

    int ncpus() {
        return ncpus;
    }

    boolean online(int cpu) {
        return cpu >= 0 && cpu < ncpus && host.online(cpu);
    }

    int firstOnline() {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (host.online(cpu)) {
                return cpu;
            }
        }
        return 0;
    }

    /** Whether {@code cpu} has a designated LWP. */
    boolean designated(int cpu) {
        return host.current(cpu) != null;
    }

    int queuedOn(int cpu) {
        return pcpu[cpu].queues.count();
    }

    /** {@code cpu}'s uload (queued plus designated LWPs), leaving out {@code except}. */
    int uload(int cpu, DflyLwp except) {
        int load = pcpu[cpu].queuedUload;
        if (except != null && except.queued() && except.qcpu == cpu) {
            load -= except.uload;
        }
        SchedThread cur = host.current(cpu);
        if (cur != null && (except == null || cur != except.thread)) {
            load += state(cur).uload;
        }
        return load;
    }

    /** {@code cpu}'s ucount (queued plus designated LWPs), leaving out {@code except}. */
    int ucount(int cpu, DflyLwp except) {
        int count = pcpu[cpu].queues.count();
        if (except != null && except.queued() && except.qcpu == cpu) {
            count--;
        }
        SchedThread cur = host.current(cpu);
        if (cur != null && (except == null || cur != except.thread)) {
            count++;
        }
        return count;
    }

    /**
     * The priority of the LWP {@code cpu} runs, leaving out {@code except} ({@code dd->upri}). A CPU between
     * designations counts as running its best queued LWP, as DragonFly's release hands the CPU to it at once;
     * NULL when the CPU has nothing.
     */
    int upri(int cpu, DflyLwp except) {
        SchedThread cur = host.current(cpu);
        if (cur != null && (except == null || cur != except.thread)) {
            return state(cur).priority;
        }
        UschedLwp next = pcpu[cpu].queues.best();
        return next == null || next == except ? Priorities.NULL : next.queuePriority();
    }

    /** The priority of {@code cpu}'s designated LWP, NULL when it has none. */
    private int designatedPriority(int cpu) {
        SchedThread cur = host.current(cpu);
        return cur == null ? Priorities.NULL : state(cur).priority;
    }

    /** LWPs running or queued on the machine ({@code dfly_ucount}), leaving out {@code except}. */
    int runnable(DflyLwp except) {
        int n = queued - (except != null && except.queued() ? 1 : 0);
        for (int cpu = 0; cpu < ncpus; cpu++) {
            SchedThread cur = host.current(cpu);
            if (cur != null && (except == null || cur != except.thread)) {
                n++;
            }
        }
        return n;
    }

    /**
     * This scheduler's state for {@code t}. State left by another scheduler (or a discarded instance) is
     * replaced by fresh state that keeps the estcpu fraction; nice and class are read from the LWP itself.
     */
    DflyLwp state(SchedThread t) {
        if (t.schedData() instanceof DflyLwp s && s.owner == this) {
            return s;
        }
        DflyLwp s = new DflyLwp(t, this, ESTCPUMAX);
        if (t.schedData() instanceof UschedLwp other) {
            s.estcpu = est.rescale(other.estcpu, other.estcpuMax);
        }
        s.qcpu = online(t.cpu()) ? t.cpu() : firstOnline();
        est.restart(s, host.now());
        t.setSchedData(s);
        resetPriority(s);
        return s;
    }

    /** {@code dfly_resetpriority}: recomputes priority and uload, moving a queued LWP whose queue changed. */
    private void resetPriority(DflyLwp s) {
        SchedThread t = s.thread;
        SchedClass c = t.schedClass();
        int priority = c == SchedClass.NORMAL ? normalPriority(t.nice(), s.estcpu) : Priorities.rtPriority(c, t.schedLevel());
        int load = uload(s.estcpu, t.nice());
        if (!s.queued()) {
            s.rqClass = c;
            s.rqIndex = Priorities.queueIndex(priority);
        } else {
            DflyPcpu d = pcpu[s.qcpu];
            d.queuedUload += load - s.uload;
            s.uload = load;
            // like DragonFly, only a change of queue moves it, so a yielded LWP keeps its place at the back
            if (c != s.rqClass || Priorities.masked(priority) != Priorities.masked(s.priority)) {
                remove(s);
                s.rqClass = c;
                s.rqIndex = Priorities.queueIndex(priority);
                insert(d, s);
            }
        }
        s.uload = load;
        s.priority = priority;
        t.setUpri(Priorities.upri(priority));
    }

    /** {@code dfly_setrunqueue_locked}: the tail (and a fresh count) once the quantum is used up, else the head. */
    private void insert(DflyPcpu d, DflyLwp s) {
        boolean expired = s.rrcount >= tun.rrInterval();
        if (expired) {
            s.rrcount = 0;
        }
        d.queues.insert(s, !expired);
        d.queuedUload += s.uload;
        queued++;
    }

    private void remove(DflyLwp s) {
        DflyPcpu d = pcpu[s.qcpu];
        d.queues.remove(s);
        d.queuedUload -= s.uload;
        queued--;
    }

    private void changeQcpu(DflyLwp s, int cpu) {
        if (s.qcpu != cpu) {
            host.migrated(s.thread, s.qcpu, cpu);
            s.qcpu = cpu;
        }
    }

    /**
     * {@code dfly_setrunqueue_dd}: queue on {@code s.qcpu} and decide whether its designated LWP must give way:
     * not if it is as good at queue granularity; only a shorter quantum if it is worse by at most fast_resched;
     * otherwise a reschedule (which on an idle CPU wakes its helper) — except for a yield on its own CPU.
     */
    private void setRunqueueDd(DflyLwp s, int localCpu) {
        int target = s.qcpu;
        boolean yield = s.didYield;
        s.didYield = false;
        if (yield && s.rqClass == SchedClass.NORMAL) {
            // behind everyone: tail of the worst non-empty queue, estcpu untouched
            s.rrcount = tun.rrInterval();
            int bits = pcpu[target].queues.bits(SchedClass.NORMAL);
            if (bits != 0) {
                s.rqIndex = Math.max(s.rqIndex, 31 - Integer.numberOfLeadingZeros(bits));
            }
        }
        insert(pcpu[target], s);
        int cur = Priorities.masked(designatedPriority(target));
        int mine = s.queuePriority();
        if (cur <= mine) {
            return;
        }
        if (cur <= mine + tun.fastResched()) {
            DflyLwp running = state(host.current(target));
            running.rrcount = Math.max(running.rrcount, tun.rrInterval() - 1);
            return;
        }
        if (!(yield && target == localCpu)) {
            wake(target);
        }
    }

    /** {@code need_user_resched} on {@code cpu}; on a CPU without a user thread this wakes its helper. */
    private void wake(int cpu) {
        if (host.current(cpu) == null) {
            pcpu[cpu].helperWoken = true;
        }
        host.needResched(cpu);
    }

    /**
     * The idle CPU's helper thread polling ({@code poll_ticks}; here once per schedclock tick): wake it when its
     * queue has work or a pull would succeed.
     */
    private void helperPoll(int cpu) {
        if (pcpu[cpu].queues.count() > 0) {
            wake(cpu);
        } else if (tun.has(DflyTunables.IDLE_PULL)) {
            int from = choose.worst(cpu);
            if (from >= 0 && uload(cpu, null) + tun.weight7() < uload(from, null)) {
                wake(cpu);
            }
        }
    }

    /** Removes and returns the worst LWP of the most loaded other queue if {@code cpu}'s uload + bias is lower. */
    private DflyLwp pullWorst(int cpu, int bias) {
        int from = choose.worst(cpu);
        if (from < 0 || uload(cpu, null) + bias >= uload(from, null)) {
            return null;
        }
        DflyLwp s = (DflyLwp) pcpu[from].queues.worst();
        remove(s);
        changeQcpu(s, cpu);
        return s;
    }

    /** The rover: pull into this CPU's queue, and reschedule if the pulled LWP beats the designated one. */
    private void rover(int cpu) {
        DflyLwp s = pullWorst(cpu, tun.weight6() / 2);
        if (s == null) {
            return;
        }
        insert(pcpu[cpu], s);
        if (s.queuePriority() < Priorities.masked(designatedPriority(cpu))) {
            wake(cpu);
        }
    }

    /** The once-a-second estcpu pass ({@code schedcpu}) over this CPU's queued and running LWPs. */
    private void recalculateAll(int cpu, SchedThread running) {
        List<DflyLwp> lwps = new ArrayList<>(pcpu[cpu].queues.count() + 1);
        pcpu[cpu].queues.forEach(s -> lwps.add((DflyLwp) s));
        if (running != null) {
            lwps.add(state(running));
        }
        int runnable = runnable(null);
        for (DflyLwp s : lwps) {
            if (est.recalculate(s, host.now(), runnable, ncpus)) {
                resetPriority(s);
            }
        }
    }
}
