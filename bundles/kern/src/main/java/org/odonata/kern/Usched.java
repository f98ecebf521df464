package org.odonata.kern;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.odonata.api.cost.CostModel;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedLock;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.topology.Topology;

/**
 * The designated-user-thread mechanics the core owns, around a swappable {@link UserScheduler} policy. Each CPU
 * has at most one designated LWP ({@code uschedcp}); only it returns to user mode. At kernel exit an LWP calls
 * {@link #acquireCurproc}: it keeps or takes its CPU's designation, or is queued in the scheduler (on the CPU
 * {@code selectCpu} chooses) and deschedules until {@link #designate} picks it — on any CPU, pulling it there
 * ({@code lwkt_acquire}), once it is off its old CPU. A blocking or exiting designated LWP releases its CPU ({@code release_curproc}),
 * which selects the next. Reschedule requests are the AST_USER_RESCHED flag locally and an IPI message remotely.
 * <p>
 * The core also keeps, per LWP, whether it is queued in the scheduler; this is what a swap or an ejection hands
 * over when the scheduler cannot be trusted, and what conservation checks compare {@link UserScheduler#queued()}
 * against. Any exception from the scheduler, an impossible decision (an offline CPU, an LWP it was not given), or
 * the {@link Watchdog} finding an LWP starved ejects it for the fallback, if one is installed, with a fault and its
 * dump ({@link FaultLog}); every decision asked of it is kept in the fault log's {@link DecisionLog}.
 * <p>
 * A CPU goes offline as DragonFly's {@code kern.usched_global_cpumask} shrinks (there is no CPU hot-unplug): it
 * designates no LWP, its designated LWP leaves at its next {@link #acquireCurproc}, queued LWPs are placed on CPUs
 * the mask holds, and its LWKT threads keep running.
 */
final class Usched {

    /** How the core's checks start their message, so an ejection can tell a bad decision from a throw. */
    private static final String IMPOSSIBLE = "impossible decision";

    private final SimKernel k;
    private UserScheduler impl;
    private String name;
    UserSchedulerFactory fallback;
    /** {@code usched_global_cpumask}: the CPUs user LWPs may run on; every CPU at boot. */
    private final BitSet globalCpumask;
    /** One hz tick: the unit of a helper thread's poll interval. */
    static final long HELPER_TICK_NANOS = 1_000_000_000L / Lwkt.HZ;
    private final long[] helperIdents;

    long userReschedules;
    long policyMigrations;
    /** Exports checked so far; numbers the marks {@link #checkedExport} leaves on the LWPs it has seen. */
    private long exports;

    Usched(SimKernel k, UserSchedulerFactory factory) {
        this.k = k;
        this.globalCpumask = new BitSet(k.ncpus);
        globalCpumask.set(0, k.ncpus);
        this.helperIdents = new long[k.ncpus];
        install(factory);
    }

    String name() {
        return name;
    }

    // ---- mechanics ----------------------------------------------------------------------------------------

    /**
     * The return to user mode ({@code userret}/{@code userexit}): drops to USER_NORM before it competes for the
     * designation, honours LWKT reschedules, and acquires the CPU's designation, looping until nothing more is wanted.
     */
    void userret(Td td) {
        while (true) {
            if (td.lwp != null && td.pri != Tdpri.USER_NORM) {
                // lwkt_passive_recover (userexit): a thread raised by lwkt_passive_release drops before acquire_curproc
                k.lwkt.setpriSelf(td, Tdpri.USER_NORM);
            }
            Globaldata gd = td.gd;
            if ((gd.reqflags & Globaldata.RQF_AST_LWKT_RESCHED) != 0) {
                k.lwkt.lwktSwitch(td);
                continue;
            }
            if (td.lwp == null || !acquireCurproc(td)) {
                return;
            }
        }
    }

    /**
     * {@code acquire_curproc} ({@code dfly_acquire_curproc}, {@code bsd4_acquire_curproc}); returns true when it had
     * to switch (the caller re-checks everything). In DragonFly's order: a user reschedule releases the designated
     * LWP unless the policy lets it keep the CPU ({@link UserScheduler#shouldYieldTo}), and the CPU goes to the best
     * queued LWP before the releaser is queued; an LWP without a designation takes a free one, steals it
     * ({@link UserScheduler#stealDesignation}), or is queued where the policy says. On a CPU the mask no longer
     * holds, the LWP gives up its designation and is queued where {@code selectCpu} says, as dfly's
     * {@code dfly_choose_best_queue} looks only at CPUs in {@code usched_global_cpumask}.
     */
    private boolean acquireCurproc(Td td) {
        Lwp lp = td.lwp;
        Globaldata gd = td.gd;
        boolean forced = (gd.reqflags & Globaldata.RQF_AST_USER_RESCHED) != 0;
        if (!forced && gd.uschedcp == lp) {
            return false;
        }
        gd.reqflags &= ~Globaldata.RQF_AST_USER_RESCHED;
        acquiring(gd.cpu, lp);
        if (!globalCpumask.get(gd.cpu)) {
            if (gd.uschedcp == lp) {
                gd.uschedcp = null;
            }
            if (!lp.queued) {
                setrunqueue(lp);
            }
        } else if (gd.uschedcp == lp) {
            if (!shouldYieldTo(gd.cpu, lp)) {
                return false;
            }
            gd.uschedcp = null;
            selectCurproc(gd);
            enqueue(lp, gd.cpu, false);
        } else if (gd.uschedcp == null) {
            designate(gd, lp);
            return false;
        } else if (stealDesignation(gd.cpu, gd.uschedcp, lp)) {
            // bsd4_acquire_curproc/dfly_acquire_curproc: the displaced LWP stalls when it next returns to user mode;
            // any user reschedule is the policy's (dfly asks for one, bsd4 does not), so it is not cleared here
            gd.uschedcp = lp;
            return false;
        } else {
            setrunqueue(lp);
        }
        k.lwkt.descheduleSelf(td);
        k.lwkt.lwktSwitch(td);
        return true;
    }

    /**
     * {@code setrunqueue} of an LWP that cannot be designated where it is: on the CPU the policy selects, paired
     * with the CPU that woke it ({@code td_wakefromcpu}).
     */
    private void setrunqueue(Lwp lp) {
        int target = selectCpu(lp, lp.td.wakefromcpu);
        boolean wakeup = lp.justWoke;
        lp.justWoke = false;
        enqueue(lp, target, wakeup);
    }

    /**
     * {@code start_forked_proc}: a new LWP ({@code parent} null for one the kernel spawns) is queued at once, from
     * its creator's context, on the CPU the policy selects; its thread waits for a designation there.
     */
    void setrunqueueNew(Lwp lp, Lwp parent) {
        if (parent != null) {
            forked(parent, lp);
        }
        int target = selectCpu(lp, lp.td.wakefromcpu);
        lp.td.gd = k.gd(target);
        lp.justWoke = false;
        enqueue(lp, target, true);
    }

    /** {@code release_curproc}: {@code lp} gives up {@code gd}'s designation, which goes to the next LWP. */
    void releaseCurproc(Globaldata gd, Lwp lp) {
        if (gd.uschedcp == lp) {
            gd.uschedcp = null;
            selectCurproc(gd);
        }
    }

    /** {@code select_curproc}: a CPU without a designated LWP asks the policy for one, unless it is offline. */
    void selectCurproc(Globaldata gd) {
        if (gd.uschedcp != null || !globalCpumask.get(gd.cpu)) {
            return;
        }
        Lwp next = pickNext(gd.cpu);
        if (next != null) {
            designate(gd, next);
        }
    }

    /** Makes {@code lp} the designated LWP of {@code gd}, pulling its thread there if needed, and schedules it. */
    private void designate(Globaldata gd, Lwp lp) {
        Td td = lp.td;
        gd.uschedcp = lp;
        // a fresh designation answers any pending user reschedule request on this CPU
        gd.reqflags &= ~Globaldata.RQF_AST_USER_RESCHED;
        if (td.gd != gd && td.gd.curthread == td) {
            // lwkt_acquire: the thread is still switching out on its old CPU (TDF_RUNNING, its lwkt_switch spinning
            // on another thread's tokens); it moves here as soon as it is off that CPU
            td.migrateTo = gd;
            return;
        }
        if (td.gd != gd) {
            k.lwkt.migrated(td, gd);
        }
        k.lwkt.scheduleLocal(gd, td);
    }

    /**
     * {@code sched_yield} ({@code ksched_yield} → {@code usched->yield}): the policy is told, and the designated LWP
     * gives its CPU to the best queued LWP ({@code dfly_yield}'s {@code release_curproc}); on its way back to user
     * mode it takes the CPU again if nothing else wants it, or requeues as the policy says.
     */
    void yield(Td td) {
        Lwp lp = td.lwp;
        call("yielded", () -> {
            impl.yielded(lp);
            return null;
        });
        releaseCurproc(td.gd, lp);
    }

    /**
     * {@code need_user_resched} on {@code cpu}: a flag locally, an IPI message remotely
     * ({@code dfly_need_user_resched_remote}); a CPU with no designated LWP also wakes its helper thread.
     */
    void needUserResched(int cpu) {
        userReschedules++;
        int me = k.mycpu();
        if (me == cpu) {
            userReschedLocal(k.gd(cpu));
        } else {
            k.ipiq.send(me, cpu, (g, a) -> userReschedLocal(g), null, false);
        }
    }

    private void userReschedLocal(Globaldata gd) {
        gd.reqflags |= Globaldata.RQF_AST_USER_RESCHED;
        k.lwkt.kick(gd.curthread);
        if (gd.uschedcp == null) {
            k.sleepq.wakeupLocal(gd, helperIdent(gd.cpu), gd.cpu, false);
        }
    }

    // ---- helper threads -------------------------------------------------------------------------------------

    /** What each CPU's helper thread sleeps on. */
    private long helperIdent(int cpu) {
        return helperIdents[cpu];
    }

    /**
     * {@code dfly_helper_thread}/bsd4's {@code sched_thread}: one LWKT thread per CPU at {@code TDPRI_USER_SCHEDULER},
     * so it runs only when nothing else there is runnable. Each time it runs it answers the user reschedule request and,
     * if the CPU has no designated LWP, designates the one the policy's {@link UserScheduler#helperPick} returns; then
     * it sleeps until a reschedule request wakes it, or for the policy's poll interval.
     */
    private void helperLoop(Globaldata gd, Td td) {
        while (true) {
            gd.reqflags &= ~Globaldata.RQF_AST_USER_RESCHED;
            if (gd.uschedcp == null && globalCpumask.get(gd.cpu)) {
                Lwp next = helperPick(gd.cpu);
                if (next != null) {
                    designate(gd, next);
                }
            }
            k.sleepq.tsleep(td, helperIdent(gd.cpu), "schslp", helperPollTicks() * HELPER_TICK_NANOS);
        }
    }

    /** Creates and starts every CPU's helper thread (boot). */
    void startHelpers() {
        for (int c = 0; c < k.ncpus; c++) {
            Globaldata gd = k.gd(c);
            helperIdents[c] = k.newIdent();
            Td td = k.newKernelThread("usched " + c, gd, Tdpri.USER_SCHEDULER);
            k.startKernelThread(td, () -> helperLoop(gd, td));
            k.lwkt.scheduleLocal(gd, td);
        }
    }

    /**
     * {@code schedcpu}'s part for the user scheduler (once a second): a sleeping LWP's {@code lwp_slptime} grows,
     * and the first pass that finds it asleep tells the policy ({@code uload_update}).
     */
    void schedcpu() {
        for (Lwp lp : k.allLwps()) {
            if (lp.td.sleeping && ++lp.slptime == 1) {
                uloadUpdate(lp, false);
            }
        }
    }

    /** The LWP exits: off the queue if it is on one, the policy told, its CPU released. */
    void exiting(Globaldata gd, Lwp lp) {
        if (lp.queued) {
            dequeue(lp);
        }
        call("exited", () -> {
            impl.exited(lp);
            return null;
        });
        releaseCurproc(gd, lp);
    }

    // ---- usched_global_cpumask ------------------------------------------------------------------------------

    boolean online(int cpu) {
        return globalCpumask.get(cpu);
    }

    /**
     * Takes {@code cpu} out of the mask or puts it back, at a safe point. Going offline, the queued LWPs are moved
     * ({@link #requeueAll}) and the CPU gets a user reschedule, at which its designated LWP leaves; coming back, the
     * reschedule makes it select a curproc, and the policy's balancing brings more work.
     *
     * @throws IllegalStateException if {@code cpu} is the last CPU in the mask and {@code online} is false
     */
    void setCpuOnline(int cpu, boolean online) {
        if (globalCpumask.get(cpu) == online) {
            return;
        }
        if (!online && globalCpumask.cardinality() == 1) {
            throw new IllegalStateException("cpu" + cpu + " is the last online CPU; user LWPs need at least one");
        }
        globalCpumask.set(cpu, online);
        if (!online) {
            requeueAll();
        }
        needUserResched(cpu);
    }

    /**
     * Moves every queued LWP, oldest first, to the CPU {@code selectCpu} now chooses, enqueued as a preempted LWP
     * that keeps the time it became runnable. The core cannot see which CPU's queue holds an LWP, so all of them
     * move; {@code dequeue} is the SPI's way to move one ({@code exportRunnable} is for a scheduler being
     * discarded).
     */
    private void requeueAll() {
        List<Lwp> moving = new ArrayList<>();
        for (Lwp lp : k.allLwps()) {
            if (lp.queued) {
                moving.add(lp);
            }
        }
        moving.sort(Comparator.comparingLong(lp -> lp.runnableSince));
        for (Lwp lp : moving) {
            long since = lp.runnableSince;
            dequeue(lp);
            enqueue(lp, selectCpu(lp, -1), false);
            lp.runnableSince = since;
        }
    }

    // ---- swaps ----------------------------------------------------------------------------------------------

    /**
     * Replaces the policy at a safe point: the old one exports its queued LWPs, the new one is initialised and
     * imports them; designated LWPs stay designated. The export is checked against the core's own record; a
     * mismatch is a fault (dumped) and the core's record wins.
     */
    SwapReport swap(UserSchedulerFactory factory) {
        long t0 = System.nanoTime();
        String from = name;
        List<SchedThread> moving;
        try {
            moving = checkedExport(impl.exportRunnable());
        } catch (RuntimeException e) {
            k.faultLog.record("sched", name, "", "exportRunnable threw " + e + "; the swap hands over the core's "
                    + "record instead", e);
            moving = queuedByCore();
        }
        install(factory);
        importAll(moving);
        return new SwapReport("sched", from, name, k.engine.now(), moving.size(), System.nanoTime() - t0);
    }

    private List<SchedThread> checkedExport(List<SchedThread> exported) {
        int expected = 0;
        for (Lwp lp : k.allLwps()) {
            if (lp.queued) {
                expected++;
            }
        }
        long mark = ++exports;
        boolean ok = exported.size() == expected;
        for (SchedThread t : exported) {
            if (!(t instanceof Lwp lp) || !lp.queued || lp.exportMark == mark) {
                ok = false;
            } else {
                lp.exportMark = mark;
            }
        }
        if (!ok) {
            k.faultLog.record("sched", name, "", "exportRunnable handed over " + exported.size() + " LWPs but "
                    + expected + " were queued (lost, duplicated or foreign); the swap hands over the core's record "
                    + "instead", null);
            return queuedByCore();
        }
        return exported;
    }

    private List<SchedThread> queuedByCore() {
        List<SchedThread> list = new ArrayList<>();
        for (Lwp lp : k.allLwps()) {
            if (lp.queued) {
                list.add(lp);
            }
        }
        return list;
    }

    private void importAll(List<SchedThread> moving) {
        call("importRunnable", () -> {
            impl.importRunnable(List.copyOf(moving));
            return null;
        });
        if (!moving.isEmpty()) {
            for (int c = 0; c < k.ncpus; c++) {
                if (k.gd(c).uschedcp == null && globalCpumask.get(c)) {
                    needUserResched(c);
                }
            }
        }
    }

    private void install(UserSchedulerFactory factory) {
        UserScheduler s = factory.create();
        String n = factory.name();
        s.init(new Host(k.engine.random().stream("sched." + n)));
        impl = s;
        name = n;
    }

    private void eject(String op, RuntimeException e) {
        String reason = e.getMessage() != null && e.getMessage().startsWith(IMPOSSIBLE)
                ? op + " made an " + e.getMessage()
                : op + " threw " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (!ejectFor(reason, e)) {
            throw e;
        }
    }

    /** The watchdog found the scheduler at fault: ejected, or, with no fallback, the run fails. */
    void ejectByWatchdog(String reason) {
        if (!ejectFor(reason, null)) {
            throw new IllegalStateException("scheduler '" + name + "': " + reason + "; no fallback installed");
        }
    }

    /** Records the fault and installs the fallback, handing it the core's record; false when there is none. */
    private boolean ejectFor(String reason, RuntimeException cause) {
        if (fallback == null || fallback.name().equals(name)) {
            k.faultLog.record("sched", name, "", reason + "; no fallback installed", cause);
            return false;
        }
        k.faultLog.record("sched", name, fallback.name(), reason, cause);
        List<SchedThread> moving = queuedByCore();
        install(fallback);
        importAll(moving);
        return true;
    }

    // ---- the SPI boundary -----------------------------------------------------------------------------------

    private <T> T call(String op, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            eject(op, e);
            return body.get();
        }
    }

    int selectCpu(Lwp lp, int wakerCpu) {
        int cpu;
        try {
            cpu = checkCpu(impl.selectCpu(lp, wakerCpu));
        } catch (RuntimeException e) {
            eject("selectCpu", e);
            cpu = checkCpu(impl.selectCpu(lp, wakerCpu));
        }
        k.faultLog.decisions.record(k.engine.now(), DecisionLog.Op.SELECT_CPU, wakerCpu, lp, cpu);
        return cpu;
    }

    private int checkCpu(int cpu) {
        if (cpu < 0 || cpu >= k.ncpus) {
            throw new IllegalStateException(IMPOSSIBLE + ": CPU " + cpu + " does not exist (0.." + (k.ncpus - 1)
                    + ")");
        }
        if (!globalCpumask.get(cpu)) {
            throw new IllegalStateException(IMPOSSIBLE + ": CPU " + cpu + " is offline");
        }
        return cpu;
    }

    void enqueue(Lwp lp, int cpu, boolean wakeup) {
        if (lp.queued) {
            throw new IllegalStateException(lp + " is already queued");
        }
        lp.queued = true;
        lp.runnableSince = k.engine.now();
        lp.queuedOn = cpu;
        k.watchdog.queued(lp);
        k.faultLog.decisions.record(k.engine.now(), DecisionLog.Op.ENQUEUE, cpu, lp, wakeup ? 1 : 0);
        try {
            impl.enqueue(lp, cpu, wakeup);
        } catch (RuntimeException e) {
            // lp is flagged queued, so the fallback imports it: nothing to retry
            eject("enqueue", e);
        }
    }

    void dequeue(Lwp lp) {
        lp.queued = false;
        k.faultLog.decisions.record(k.engine.now(), DecisionLog.Op.DEQUEUE, -1, lp, 0);
        try {
            impl.dequeue(lp);
        } catch (RuntimeException e) {
            eject("dequeue", e);
        }
    }

    private Lwp pickNext(int cpu) {
        return pick("pickNext", cpu, () -> impl.pickNext(cpu));
    }

    /** A pick by the policy for {@code cpu}: checked, logged, and no longer queued in the core's record. */
    private Lwp pick(String op, int cpu, Supplier<SchedThread> body) {
        SchedThread t;
        try {
            t = checkPicked(body.get());
        } catch (RuntimeException e) {
            eject(op, e);
            t = checkPicked(body.get());
        }
        k.faultLog.decisions.record(k.engine.now(), DecisionLog.Op.PICK_NEXT, cpu, t, 0);
        k.watchdog.picked((Lwp) t);
        if (t == null) {
            return null;
        }
        Lwp lp = (Lwp) t;
        lp.queued = false;
        return lp;
    }

    private SchedThread checkPicked(SchedThread t) {
        if (t != null && (!(t instanceof Lwp lp) || !lp.queued)) {
            throw new IllegalStateException(IMPOSSIBLE + ": pickNext returned " + t + ", which is not queued");
        }
        return t;
    }

    boolean shouldYieldTo(int cpu, Lwp current) {
        boolean yield = call("shouldYieldTo", () -> impl.shouldYieldTo(cpu, current));
        k.faultLog.decisions.record(k.engine.now(), DecisionLog.Op.YIELD_TO, cpu, current, yield ? 1 : 0);
        return yield;
    }

    private void acquiring(int cpu, Lwp lp) {
        call("acquiring", () -> {
            impl.acquiring(cpu, lp);
            return null;
        });
    }

    private boolean stealDesignation(int cpu, Lwp current, Lwp lp) {
        return call("stealDesignation", () -> impl.stealDesignation(cpu, current, lp));
    }

    private Lwp helperPick(int cpu) {
        return pick("helperPick", cpu, () -> impl.helperPick(cpu));
    }

    private int helperPollTicks() {
        return call("helperPollTicks", impl::helperPollTicks);
    }

    void uloadUpdate(Lwp lp, boolean runnable) {
        call("uloadUpdate", () -> {
            impl.uloadUpdate(lp, runnable);
            return null;
        });
    }

    void tick(int cpu, Lwp running) {
        call("tick", () -> {
            impl.tick(cpu, running);
            return null;
        });
    }

    void forked(Lwp parent, Lwp child) {
        call("forked", () -> {
            impl.forked(parent, child);
            return null;
        });
    }

    int queued() {
        return call("queued", impl::queued);
    }

    /** What {@link SchedHost} gives one scheduler instance: the core, plus its own random stream. */
    private final class Host implements SchedHost {
        private final RandomGenerator random;

        Host(RandomGenerator random) {
            this.random = random;
        }

        @Override
        public Topology topology() {
            return k.machine.topology();
        }

        @Override
        public CostModel costs() {
            return k.machine.costs();
        }

        @Override
        public long now() {
            return k.engine.now();
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public SchedThread current(int cpu) {
            return k.gd(cpu).uschedcp;
        }

        @Override
        public boolean online(int cpu) {
            return cpu >= 0 && cpu < k.ncpus && globalCpumask.get(cpu);
        }

        @Override
        public void needResched(int cpu) {
            needUserResched(cpu);
        }

        @Override
        public SchedLock spinlock(String name) {
            return k.schedLocks.newLock(name);
        }

        @Override
        public void migrated(SchedThread t, int from, int to) {
            policyMigrations++;
        }
    }
}
