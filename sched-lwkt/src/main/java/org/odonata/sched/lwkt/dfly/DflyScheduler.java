package org.odonata.sched.lwkt.dfly;

import java.util.ArrayList;
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
 * usched_dfly ({@code sys/kern/usched_dfly.c}), DragonFly's default user scheduler. Every CPU has its own 3 × 32 run
 * queues and a load ({@code uload}, {@code ucount}) that counts an LWP from when it is queued there until it has
 * slept through a {@code schedcpu} pass ({@code LWP_MP_ULOAD}). An LWP returning to user mode that cannot keep or
 * take its CPU's designation is placed by {@link ChooseQueue#best} over the topology tree, paired with the CPU that
 * woke it (weight2); a forked child is placed the same way at once. A rescheduled LWP moves elsewhere only on its
 * CPU's paced turn (feature 0x08). An idle CPU's helper thread pulls the worst LWP of the most loaded queue of a CPU
 * that runs something; every 8 schedclock ticks one CPU in turn (the rover) pulls from the most loaded queue if its
 * own load is lower. Priorities come from nice and estcpu ({@code dfly_resetpriority}); equal priorities round-robin
 * every {@code rrInterval} ticks.
 * <p>
 * Guarantees: every enqueued LWP is on exactly one CPU's queues until picked, dequeued or exported; the loads count
 * each LWP at most once, on its {@code lwp_qcpu}, and drop it when it exits. Cost: enqueue, dequeue and pickNext are
 * O(1) plus {@link ChooseQueue} (O(ncpus)) when placement or a pull is needed; tick is O(1) but for the
 * once-a-second estcpu pass over the CPU's queue.
 * <p>
 * Simplifications: batch detection ({@code TDF_MP_BATCH_DEMARC}) and {@code lwp_cpumask} are not modelled; the
 * rover queues the LWP it pulls and asks for a reschedule instead of designating it directly; the helper thread
 * never replaces a designated LWP ({@code chklp}); feature 0x80 (random CPU for a fork) is not modelled.
 */
public final class DflyScheduler implements UserScheduler {

    /** nice -20..20 spans this many queues. */
    static final int NICE_QS = 24;
    /** estcpu 0..max spans this many queues. */
    static final int EST_QS = 20;
    static final int ESTCPUMAX = EstCpu.ESTCPUPPQ * EST_QS;

    private final DflyTunables tun;
    private final EstCpu est = new EstCpu(ESTCPUMAX);
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
            pcpu[cpu] = new DflyPcpu(cpu, host.spinlock("dd->spin"));
        }
        this.choose = new ChooseQueue(this, CpuNode.build(host.topology()), tun);
    }

    /**
     * Where {@code dfly_acquire_curproc} places an LWP that could neither keep, take nor steal its CPU, and where
     * {@code dfly_setrunqueue} places a forked child: a yielded LWP stays on its own CPU (step 5 comes before the
     * push); a forked one goes to the best queue (0x20) or its parent's CPU (0x40); any other goes to the best queue
     * when pushes are on (0x02), else stays.
     */
    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        DflyLwp s = state(t);
        int home = online(s.qcpu) ? s.qcpu : firstOnline();
        if (s.didYield) {
            return home;
        }
        boolean best;
        if (s.forked) {
            s.forked = false;
            best = tun.has(DflyTunables.FORK_BEST)
                    || !tun.has(DflyTunables.FORK_SAME) && pcpu[s.qcpu].queues.count() > 0;
        } else {
            best = tun.has(DflyTunables.PUSH);
        }
        return best ? choose.best(s, wakerCpu) : home;
    }

    /** {@code dfly_setrunqueue_dd} on {@code cpu}, or on the CPU a paced push chose ({@link #shouldYieldTo}). */
    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        DflyLwp s = state(t);
        if (s.queued()) {
            throw new IllegalStateException("LWP " + t.tid() + " is already queued on CPU " + s.qcpu);
        }
        int target = s.pushTo >= 0 ? s.pushTo : online(cpu) ? cpu : choose.best(s, t.wakeFromCpu());
        s.pushTo = -1;
        SchedLock spin = pcpu[target].spin;
        spin.lock();
        try {
            changeQcpu(s, target);
            setRunqueueDd(s);
        } finally {
            spin.unlock();
        }
    }

    /** {@code dfly_remrunqueue_locked}, under the queue's {@code rdd->spin}. */
    @Override
    public boolean dequeue(SchedThread t) {
        if (t.schedData() instanceof DflyLwp s && s.owner == this && s.queued()) {
            SchedLock spin = pcpu[s.qcpu].spin;
            spin.lock();
            try {
                remove(s);
            } finally {
                spin.unlock();
            }
            return true;
        }
        return false;
    }

    /**
     * {@code dfly_select_curproc}: the best LWP queued on this CPU ({@code dfly_chooseproc_locked(dd, dd)}), under
     * {@code dd->spin}.
     */
    @Override
    public SchedThread pickNext(int cpu) {
        SchedLock spin = pcpu[cpu].spin;
        spin.lock();
        try {
            return pickLocal(cpu);
        } finally {
            spin.unlock();
        }
    }

    private SchedThread pickLocal(int cpu) {
        DflyLwp s = (DflyLwp) pcpu[cpu].queues.best();
        if (s == null) {
            return null;
        }
        remove(s);
        return s.thread;
    }

    /**
     * {@code dfly_helper_thread}: the best LWP queued here; if none, with feature 0x01, the worst LWP of the queue
     * {@link ChooseQueue#worst} finds, if that CPU runs a designated LWP and its uload exceeds this CPU's by more than
     * weight7 and the {@code spin_trylock} of its {@code rdd->spin} succeeds, all under this CPU's {@code dd->spin}.
     */
    @Override
    public SchedThread helperPick(int cpu) {
        SchedLock spin = pcpu[cpu].spin;
        spin.lock();
        try {
            SchedThread local = pickLocal(cpu);
            if (local != null || !tun.has(DflyTunables.IDLE_PULL)) {
                return local;
            }
            int from = choose.worst(cpu, false);
            if (from < 0 || uload(cpu, null) + tun.weight7() >= uload(from, null) || host.current(from) == null
                    || !pcpu[from].spin.tryLock()) {
                return null;
            }
            try {
                DflyLwp s = pull(from, cpu);
                return s == null ? null : s.thread;
            } finally {
                pcpu[from].spin.unlock();
            }
        } finally {
            spin.unlock();
        }
    }

    @Override
    public int helperPollTicks() {
        return tun.pollTicks();
    }

    /** {@code dfly_acquire_curproc} begins: estcpu is recalculated; taking a free CPU clears a pending yield. */
    @Override
    public void acquiring(int cpu, SchedThread t) {
        DflyLwp s = state(t);
        if (est.recalculateDfly(s, host.now())) {
            resetPriorityLocked(s);
        }
        if (host.current(cpu) == null) {
            s.didYield = false;
        }
    }

    /**
     * {@code dfly_acquire_curproc} with {@code force_resched}: on this CPU's paced turn
     * ({@code sched_ticks / 8 % ncpus == cpu}, feature 0x08) the LWP moves if {@link ChooseQueue#best} names another
     * CPU; otherwise {@code dfly_release_curproc} hands the CPU to the best queued LWP, and the LWP takes it back only
     * if better by more than {@code fast_resched} at queue granularity.
     */
    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        DflyLwp s = state(current);
        s.pushTo = -1;
        long ticks = host.now() / EstCpu.TICK_NANOS;
        if (tun.has(DflyTunables.PUSH_EXPIRED) && (ticks / 8) % ncpus == cpu) {
            int best = choose.best(s, current.wakeFromCpu());
            if (best != cpu) {
                s.pushTo = best;
                return true;
            }
        }
        SchedLock spin = pcpu[cpu].spin;
        spin.lock();
        try {
            UschedLwp next = pcpu[cpu].queues.best();
            return next != null && !steals(s, next.priority);
        } finally {
            spin.unlock();
        }
    }

    /**
     * {@code dfly_acquire_curproc}'s steal, under {@code dd->spin}: better than the designated LWP by more than
     * {@code fast_resched}; a steal asks for a user reschedule on the CPU "to get the thread to cycle soonest".
     */
    @Override
    public boolean stealDesignation(int cpu, SchedThread current, SchedThread t) {
        SchedLock spin = pcpu[cpu].spin;
        spin.lock();
        try {
            boolean steal = steals(state(t), state(current).priority);
            if (steal) {
                // dfly_acquire_curproc: need_user_resched() after taking uschedcp (bsd4_acquire_curproc has none)
                host.needResched(cpu);
            }
            return steal;
        } finally {
            spin.unlock();
        }
    }

    private boolean steals(DflyLwp s, int designatedPriority) {
        return Priorities.masked(designatedPriority) > Priorities.masked(s.priority) + tun.fastResched();
    }

    /**
     * {@code dfly_schedulerclock}: the running LWP's round-robin count and estcpu; every 8 ticks one CPU in turn takes
     * its rover turn (an idle CPU too: tick is the only periodic hook the SPI gives it). An offline CPU takes no rover
     * turn, which would pull an LWP into a queue no CPU serves.
     */
    @Override
    public void tick(int cpu, SchedThread running) {
        long ticks = host.now() / EstCpu.TICK_NANOS;
        if (running != null) {
            DflyLwp s = state(running);
            if (++s.rrcount >= tun.rrInterval()) {
                host.needResched(cpu);
            }
            est.tick(s);
            resetPriorityLocked(s);
        }
        if (ticks % EstCpu.ESTCPUFREQ == 0) {
            recalculateAll(cpu, running);
        }
        if (host.online(cpu) && tun.has(DflyTunables.ROVER) && (ticks & 7) == 0 && (ticks / 8) % ncpus == cpu) {
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
        changeQcpu(c, p.qcpu);
        c.forked = true;
        est.forked(p, c, tun.forkBias(), host.now());
        resetPriority(p);
        resetPriority(c);
    }

    /** {@code dfly_exiting}: the LWP's load leaves its CPU. */
    @Override
    public void exited(SchedThread t) {
        uncount(state(t));
    }

    /**
     * {@code dfly_uload_update}: an LWP that slept through a {@code schedcpu} pass stops counting as load on its CPU;
     * when it runs again it counts again, and tsleep's {@code dfly_recalculate_estcpu} halves its estcpu if it slept
     * through more than one pass.
     */
    @Override
    public void uloadUpdate(SchedThread t, boolean runnable) {
        DflyLwp s = state(t);
        if (!runnable) {
            uncount(s);
            return;
        }
        count(s);
        if (t.slptime() > 1) {
            est.longSleep(s, host.now());
            resetPriorityLocked(s);
        }
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
        queued = 0;
        List<SchedThread> out = new ArrayList<>(drained.size());
        for (UschedLwp s : drained) {
            uncount((DflyLwp) s);
            out.add(s.thread);
        }
        return out;
    }

    /** Each LWP is placed as a push would place it, at the tail, so equal LWPs keep their exported order. */
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
                int target = choose.best(s, t.wakeFromCpu());
                SchedLock spin = pcpu[target].spin;
                spin.lock();
                try {
                    changeQcpu(s, target);
                    setRunqueueDd(s);
                } finally {
                    spin.unlock();
                }
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

    /** {@code rdd->runqcount}: LWPs queued on {@code cpu}. */
    int queuedOn(int cpu) {
        return pcpu[cpu].queues.count();
    }

    /** {@code dd->uload}, leaving out {@code except}'s own contribution if it counts there. */
    int uload(int cpu, DflyLwp except) {
        DflyPcpu d = pcpu[cpu];
        return except != null && except.counted && except.qcpu == cpu ? d.uload - except.uload : d.uload;
    }

    /** {@code dd->ucount}, leaving out {@code except} if it counts there. */
    int ucount(int cpu, DflyLwp except) {
        DflyPcpu d = pcpu[cpu];
        return except != null && except.counted && except.qcpu == cpu ? d.ucount - 1 : d.ucount;
    }

    /** {@code dd->upri}: the priority of the LWP designated on {@code cpu}, NULL when it has none. */
    int upri(int cpu) {
        SchedThread cur = host.current(cpu);
        return cur == null ? Priorities.NULL : state(cur).priority;
    }

    /**
     * {@code dd->upri} as {@code except} sees it when it is the LWP designated on {@code cpu} and has just been
     * released ({@code dfly_release_curproc} runs before the paced push): the best queued LWP's priority, which
     * {@code dfly_select_curproc} designates, or NULL.
     */
    int upri(int cpu, DflyLwp except) {
        SchedThread cur = host.current(cpu);
        if (cur == null || except == null || cur != except.thread) {
            return upri(cpu);
        }
        UschedLwp next = pcpu[cpu].queues.best();
        return next == null ? Priorities.NULL : next.priority;
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

    /**
     * {@code dfly_resetpriority}: recomputes priority and uload; a queued LWP whose queue changed moves, one that moved
     * to a worse queue starts a fresh round-robin count, and a queue change asks the LWP's CPU to reschedule: always
     * for an LWP that is not queued (the running one, whose quantum thus ends whenever its estcpu crosses a queue),
     * and for a queued one when the CPU runs a worse class.
     */
    private void resetPriority(DflyLwp s) {
        SchedThread t = s.thread;
        SchedClass c = t.schedClass();
        int priority = c == SchedClass.NORMAL ? normalPriority(t.nice(), s.estcpu) : Priorities.rtPriority(c, t.schedLevel());
        boolean fresh = s.priority == Priorities.NULL;
        if (c != s.rqClass || Priorities.masked(priority) != Priorities.masked(s.priority)) {
            if (s.priority < priority) {
                s.rrcount = 0;
            }
            boolean wasQueued = s.queued();
            if (wasQueued) {
                remove(s);
            }
            s.rqClass = c;
            s.rqIndex = Priorities.queueIndex(priority);
            s.priority = priority;
            if (wasQueued) {
                insert(pcpu[s.qcpu], s);
            }
            if (!fresh && online(s.qcpu) && (!wasQueued
                    || (upri(s.qcpu) & ~Priorities.PRIMASK) > (priority & ~Priorities.PRIMASK))) {
                host.needResched(s.qcpu);
            }
        } else {
            s.priority = priority;
        }
        int load = uload(s.estcpu, t.nice());
        if (s.counted) {
            pcpu[s.qcpu].uload += load - s.uload;
        }
        s.uload = load;
        t.setUpri(Priorities.upri(priority));
    }

    /** {@code dfly_resetpriority}, which takes the {@code rdd->spin} of the LWP's {@code lwp_qcpu} itself. */
    private void resetPriorityLocked(DflyLwp s) {
        SchedLock spin = pcpu[s.qcpu].spin;
        spin.lock();
        try {
            resetPriority(s);
        } finally {
            spin.unlock();
        }
    }

    /**
     * {@code dfly_setrunqueue_locked}: counts the LWP's load here; the tail (and a fresh count) once the quantum is
     * used up, else the head.
     */
    private void insert(DflyPcpu d, DflyLwp s) {
        count(s);
        boolean expired = s.rrcount >= tun.rrInterval();
        if (expired) {
            s.rrcount = 0;
        }
        d.queues.insert(s, !expired);
        queued++;
    }

    /** {@code dfly_remrunqueue_locked}: the load stays counted. */
    private void remove(DflyLwp s) {
        pcpu[s.qcpu].queues.remove(s);
        queued--;
    }

    /** {@code LWP_MP_ULOAD} set: the LWP's load counts on its {@code lwp_qcpu}. */
    private void count(DflyLwp s) {
        if (!s.counted) {
            s.counted = true;
            pcpu[s.qcpu].uload += s.uload;
            pcpu[s.qcpu].ucount++;
        }
    }

    private void uncount(DflyLwp s) {
        if (s.counted) {
            s.counted = false;
            pcpu[s.qcpu].uload -= s.uload;
            pcpu[s.qcpu].ucount--;
        }
    }

    /** {@code dfly_changeqcpu_locked}: the load leaves the old CPU; it counts on the new one when queued there. */
    private void changeQcpu(DflyLwp s, int cpu) {
        if (s.qcpu != cpu) {
            uncount(s);
            host.migrated(s.thread, s.qcpu, cpu);
            s.qcpu = cpu;
        }
    }

    /**
     * {@code dfly_setrunqueue_dd}: queue on {@code s.qcpu} and decide whether its designated LWP must give way:
     * not if it is as good at queue granularity; only a shorter quantum if it is worse by at most fast_resched;
     * otherwise a reschedule (which on a CPU without a designated LWP wakes its helper). A yielded LWP goes to the
     * tail of its own queue ("we used to move ourselves to the worst queue, but this creates a fairly serious
     * priority inversion") and does not interrupt.
     */
    private void setRunqueueDd(DflyLwp s) {
        int target = s.qcpu;
        boolean yield = s.didYield;
        s.didYield = false;
        if (yield) {
            s.rrcount = tun.rrInterval();
            s.rqIndex = Priorities.queueIndex(s.priority);
        }
        insert(pcpu[target], s);
        int cur = Priorities.masked(upri(target));
        int mine = Priorities.masked(s.priority);
        if (cur <= mine) {
            return;
        }
        if (cur <= mine + tun.fastResched()) {
            // "if (rdd->uschedcp && ...)": a CPU without a designated LWP has no quantum to shorten
            SchedThread designated = host.current(target);
            if (designated != null) {
                DflyLwp running = state(designated);
                if (running.rrcount < tun.rrInterval()) {
                    running.rrcount = tun.rrInterval() - 1;
                }
            }
            return;
        }
        if (!yield) {
            host.needResched(target);
        }
    }

    /**
     * {@code dfly_chooseproc_locked(rdd, dd, NULL, 1)}: the worst LWP queued on {@code from} moves to {@code to}, with
     * its load; null when nothing is queued there.
     */
    private DflyLwp pull(int from, int to) {
        DflyLwp s = (DflyLwp) pcpu[from].queues.worst();
        if (s == null) {
            return null;
        }
        remove(s);
        changeQcpu(s, to);
        count(s);
        return s;
    }

    /**
     * The rover ({@code dfly_schedulerclock}): under this CPU's {@code dd->spin} and, if its {@code spin_trylock}
     * succeeds, the victim's {@code rdd->spin}, pull into this CPU's queue, and reschedule if the pulled LWP beats the
     * designated one.
     */
    private void rover(int cpu) {
        int from = choose.worst(cpu, true);
        if (from < 0 || uload(cpu, null) + tun.weight6() / 2 >= uload(from, null)) {
            return;
        }
        SchedLock spin = pcpu[cpu].spin;
        spin.lock();
        try {
            if (!pcpu[from].spin.tryLock()) {
                return;
            }
            DflyLwp s;
            try {
                s = pull(from, cpu);
            } finally {
                pcpu[from].spin.unlock();
            }
            if (s == null) {
                return;
            }
            insert(pcpu[cpu], s);
            if (Priorities.masked(s.priority) < Priorities.masked(upri(cpu))) {
                host.needResched(cpu);
            }
        } finally {
            spin.unlock();
        }
    }

    /** The once-a-second estcpu pass ({@code schedcpu}) over this CPU's queued and running LWPs. */
    private void recalculateAll(int cpu, SchedThread running) {
        List<DflyLwp> lwps = new ArrayList<>(pcpu[cpu].queues.count() + 1);
        pcpu[cpu].queues.forEach(s -> lwps.add((DflyLwp) s));
        if (running != null) {
            lwps.add(state(running));
        }
        for (DflyLwp s : lwps) {
            if (est.recalculateDfly(s, host.now())) {
                resetPriorityLocked(s);
            }
        }
    }
}
