package org.odonata.tck.sched.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.topology.Topology;

/**
 * Plays the kernel core's part for a user scheduler, in discrete virtual time (1 ms steps, schedclock every
 * 20 ms on every CPU), and checks the SPI contract after every call. The protocol it follows is the one the
 * core follows (DragonFly's {@code acquire_curproc}, {@code release_curproc}, helper threads, {@code schedcpu}):
 * <ul>
 * <li>creation or fork: {@code cpu = selectCpu(t, waker)}, then {@code enqueue(t, cpu, true)};</li>
 * <li>a wakeup: the LWP returns to user mode on the CPU it last ran on ({@link #acquire});</li>
 * <li>acquire on a CPU: {@code acquiring}; a free CPU is taken; {@code stealDesignation} takes a designated one
 * (the displaced LWP then acquires in turn); otherwise {@code selectCpu} and {@code enqueue};</li>
 * <li>the designated LWP blocks or exits: the CPU's designation is cleared, then {@code pickNext(cpu)};</li>
 * <li>a reschedule request on a CPU ({@link SimHost#needResched}): with no designated LWP, its helper runs
 * {@code helperPick}; otherwise {@code acquiring}, and if {@code shouldYieldTo(cpu, cur)}: clear the designation,
 * {@code pickNext(cpu)}, then {@code enqueue(cur, cpu, false)};</li>
 * <li>sched_yield: {@code yielded(t)}, clear the designation, {@code pickNext}, then the LWP acquires;</li>
 * <li>every {@code helperPollTicks} hz ticks, each CPU without a designated LWP runs {@code helperPick};</li>
 * <li>once a second ({@code schedcpu}), a sleeping LWP's slptime grows, and at 1 {@code uloadUpdate(t, false)};
 * a waking LWP with slptime &gt; 0 gets {@code uloadUpdate(t, true)};</li>
 * <li>a swap: {@code exportRunnable()} on the old instance, {@code init} and {@code importRunnable} on the new;</li>
 * <li>a CPU going offline ({@code usched_global_cpumask}): every queued LWP, oldest first, is dequeued and
 * enqueued again on the CPU {@code selectCpu(t, -1)} chooses, and the CPU gets a reschedule request, at which its
 * designated LWP leaves for the CPU {@code selectCpu} chooses; an offline CPU never picks, and a waking or yielding
 * LWP acquires an online one.</li>
 * </ul>
 * An LWP's {@code cpu()} changes only when it starts running somewhere. Every decision (a chosen CPU, a picked
 * LWP, a stolen designation) is folded into {@link #decisions()}, so two runs can be compared; the longest time an
 * LWP waited, queued, before it ran is {@link #maxWaitNanos()}.
 */
public final class SimCore {

    public static final long STEP_NANOS = 1_000_000L;
    public static final long TICK_NANOS = 20_000_000L;
    public static final long HZ_NANOS = 10_000_000L;
    public static final long SECOND_NANOS = 1_000_000_000L;

    private final SimHost host;
    private final Topology topology;
    private UserScheduler sched;
    private final List<SimLwp> lwps = new ArrayList<>();
    private final Set<SimLwp> queued = Collections.newSetFromMap(new IdentityHashMap<>());
    private long nextTid = 1;
    private long switches;
    private long decisions = 17;
    private long maxWait;
    private SimLwp maxWaiter;

    public SimCore(Topology topology, UserScheduler sched, long seed) {
        this.topology = topology;
        this.host = new SimHost(topology, seed);
        this.sched = sched;
        sched.init(host);
    }

    public SimHost host() {
        return host;
    }

    public UserScheduler scheduler() {
        return sched;
    }

    public Topology topology() {
        return topology;
    }

    public List<SimLwp> lwps() {
        return Collections.unmodifiableList(lwps);
    }

    public long now() {
        return host.now;
    }

    public long contextSwitches() {
        return switches;
    }

    public SimLwp current(int cpu) {
        return host.current[cpu];
    }

    public int ncpus() {
        return topology.cpuCount();
    }

    public boolean isQueued(SimLwp t) {
        return queued.contains(t);
    }

    public boolean online(int cpu) {
        return host.online[cpu];
    }

    /** A hash of every decision the scheduler made so far: the same for the same seed and operations. */
    public long decisions() {
        return decisions;
    }

    /** The longest an LWP has waited on a queue before it was picked, in virtual ns. */
    public long maxWaitNanos() {
        return maxWait;
    }

    /** The LWP that waited {@link #maxWaitNanos()}, or {@code null}. */
    public SimLwp maxWaiter() {
        return maxWaiter;
    }

    /** The longest any LWP queued now has been waiting, in virtual ns. */
    public long longestQueuedWaitNanos() {
        long longest = 0;
        for (SimLwp t : queued) {
            longest = Math.max(longest, host.now - t.runnableSince);
        }
        return longest;
    }

    /** A CPU hog of the normal class. */
    public SimLwp spawnHog(String name, int nice) {
        return spawn(name, nice, SchedClass.NORMAL, 0, 0, -1);
    }

    /** A new LWP, woken from {@code wakerCpu} (-1: none). */
    public SimLwp spawn(String name, int nice, SchedClass schedClass, long burstNanos, long sleepNanos,
            int wakerCpu) {
        SimLwp t = new SimLwp(nextTid++, name, nice, schedClass, burstNanos, sleepNanos, Math.max(wakerCpu, 0));
        lwps.add(t);
        t.wakeFromCpu = wakerCpu;
        start(t, wakerCpu);
        return t;
    }

    /** The LWP running on {@code cpu} forks a copy of itself. */
    public SimLwp fork(int cpu) {
        SimLwp parent = running(cpu);
        SimLwp child = new SimLwp(nextTid++, parent.name() + "'", parent.nice(), parent.schedClass(),
                parent.burstNanos, parent.sleepNanos, cpu);
        lwps.add(child);
        child.wakeFromCpu = cpu;
        sched.forked(parent, child);
        start(child, cpu);
        return child;
    }

    /** A new LWP is queued at once where the scheduler selects ({@code start_forked_proc}). */
    private void start(SimLwp t, int wakerCpu) {
        t.runnableSince = host.now;
        enqueue(t, select(t, wakerCpu), true);
    }

    /** A sleeping LWP wakes: it returns to user mode on the CPU it last ran on. */
    public void wake(SimLwp t, int wakerCpu) {
        if (t.state != SimLwp.State.SLEEPING) {
            throw new IllegalStateException("cannot wake " + t);
        }
        t.lastSleepNanos = host.now - t.sleepStart;
        t.wakeFromCpu = wakerCpu;
        t.runnableSince = host.now;
        t.burstLeft = t.burstNanos;
        t.state = SimLwp.State.RUNNABLE;
        if (t.slptime > 0) {
            sched.uloadUpdate(t, true);
        }
        t.slptime = 0;
        acquire(t, host.online(t.cpu) ? t.cpu : firstOnline(), true);
    }

    /**
     * {@code acquire_curproc} of an LWP that is not designated, on {@code cpu}: take a free CPU, steal the
     * designation, or be queued where the scheduler selects.
     */
    private void acquire(SimLwp t, int cpu, boolean wakeup) {
        sched.acquiring(cpu, t);
        SimLwp cur = host.current[cpu];
        if (cur == null) {
            designate(t, cpu);
        } else if (stole(cpu, cur, t)) {
            designate(t, cpu);
            host.resched[cpu] = true;
            acquire(cur, cpu, false);
        } else {
            enqueue(t, select(t, t.wakeFromCpu), wakeup);
        }
    }

    /** {@code selectCpu}, checked: an existing, online CPU. */
    private int select(SimLwp t, int wakerCpu) {
        int cpu = sched.selectCpu(t, wakerCpu);
        if (cpu < 0 || cpu >= ncpus()) {
            throw new AssertionError("selectCpu chose CPU " + cpu + " for " + t + ", which does not exist (0.."
                    + (ncpus() - 1) + ")");
        }
        if (!host.online[cpu]) {
            throw new AssertionError("selectCpu chose CPU " + cpu + " for " + t + ", which is offline");
        }
        decisions = decisions * 31 + cpu;
        return cpu;
    }

    private boolean stole(int cpu, SimLwp cur, SimLwp t) {
        boolean stole = sched.stealDesignation(cpu, cur, t);
        decisions = decisions * 31 + (stole ? 1 : 0);
        return stole;
    }

    private int firstOnline() {
        for (int cpu = 0; cpu < ncpus(); cpu++) {
            if (host.online(cpu)) {
                return cpu;
            }
        }
        throw new AssertionError("no CPU online");
    }

    /**
     * Takes {@code cpu} away from user LWPs or gives it back, as the kernel's {@code usched_global_cpumask} does
     * (see the protocol above).
     *
     * @throws IllegalStateException if it is the last online CPU
     */
    public void setOnline(int cpu, boolean online) {
        if (host.online[cpu] == online) {
            return;
        }
        if (!online && onlineCount() == 1) {
            throw new IllegalStateException("cpu" + cpu + " is the last online CPU");
        }
        host.online[cpu] = online;
        if (!online) {
            List<SimLwp> moving = new ArrayList<>(queued);
            moving.sort(java.util.Comparator.comparingLong((SimLwp t) -> t.runnableSince).thenComparingLong(
                    SimLwp::tid));
            for (SimLwp t : moving) {
                long since = t.runnableSince;
                if (!sched.dequeue(t)) {
                    throw new AssertionError("dequeue lost queued " + t + " while cpu" + cpu + " went offline");
                }
                queued.remove(t);
                enqueue(t, select(t, -1), false);
                t.runnableSince = since;
            }
        }
        host.resched[cpu] = true;
    }

    public int onlineCount() {
        int n = 0;
        for (boolean b : host.online) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** The LWP running on {@code cpu} goes to sleep for its sleep time. */
    public void block(int cpu) {
        SimLwp t = running(cpu);
        host.current[cpu] = null;
        t.state = SimLwp.State.SLEEPING;
        t.sleepStart = host.now;
        t.wakeAt = host.now + Math.max(t.sleepNanos, STEP_NANOS);
        pick(cpu);
    }

    public void exit(SimLwp t) {
        switch (t.state) {
            case RUNNING -> {
                host.current[t.cpu] = null;
                t.state = SimLwp.State.EXITED;
                sched.exited(t);
                pick(t.cpu);
            }
            case RUNNABLE -> {
                if (!sched.dequeue(t)) {
                    throw new AssertionError("dequeue lost queued " + t);
                }
                queued.remove(t);
                t.state = SimLwp.State.EXITED;
                sched.exited(t);
            }
            case SLEEPING -> {
                t.state = SimLwp.State.EXITED;
                sched.exited(t);
            }
            case EXITED -> throw new IllegalStateException(t + " already exited");
        }
        if (sched.dequeue(t)) {
            throw new AssertionError("dequeue found exited " + t);
        }
    }

    public void yield(int cpu) {
        SimLwp t = running(cpu);
        sched.yielded(t);
        host.current[cpu] = null;
        t.state = SimLwp.State.RUNNABLE;
        pick(cpu);
        if (host.online[cpu]) {
            acquire(t, cpu, false);
        } else {
            enqueue(t, select(t, cpu), false);
        }
    }

    public void tick(int cpu) {
        sched.tick(cpu, host.current[cpu]);
    }

    /**
     * Handles a reschedule request on {@code cpu} as the core would: an idle CPU's helper thread runs; a designated
     * LWP goes through {@code acquire_curproc} at its next user-return point.
     */
    public void reschedule(int cpu) {
        host.resched[cpu] = false;
        SimLwp cur = host.current[cpu];
        if (!host.online[cpu]) {
            if (cur != null) {
                host.current[cpu] = null;
                enqueue(cur, select(cur, cpu), false);
            }
            return;
        }
        if (cur == null) {
            helper(cpu);
            return;
        }
        sched.acquiring(cpu, cur);
        if (sched.shouldYieldTo(cpu, cur)) {
            host.current[cpu] = null;
            cur.state = SimLwp.State.RUNNABLE;
            pick(cpu);
            enqueue(cur, cpu, false);
        }
    }

    /** The CPU's helper thread: with no designated LWP, designates what {@code helperPick} returns. */
    private void helper(int cpu) {
        if (host.current[cpu] == null && host.online(cpu)) {
            take(cpu, sched.helperPick(cpu), "helperPick");
        }
    }

    /** Serves every pending reschedule request, including those raised while serving them. */
    public void reschedulePending() {
        for (int round = 0; round < 4 * ncpus() + 4; round++) {
            boolean any = false;
            for (int cpu = 0; cpu < ncpus(); cpu++) {
                if (host.resched[cpu]) {
                    any = true;
                    reschedule(cpu);
                }
            }
            if (!any) {
                return;
            }
        }
        throw new AssertionError("reschedule requests keep coming");
    }

    /** Live swap: the old scheduler exports its queued LWPs, a fresh one imports them. */
    public List<SchedThread> swap(UserScheduler next) {
        List<SchedThread> moved = sched.exportRunnable();
        if (sched.queued() != 0) {
            throw new AssertionError("export left " + sched.queued() + " queued");
        }
        Set<SchedThread> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SchedThread t : moved) {
            if (!seen.add(t) || !queued.contains(t)) {
                throw new AssertionError("export returned " + t + " twice or unqueued");
            }
        }
        if (seen.size() != queued.size()) {
            throw new AssertionError("export returned " + seen.size() + " of " + queued.size() + " queued");
        }
        sched = next;
        sched.init(host);
        sched.importRunnable(moved);
        checkInvariants();
        return moved;
    }

    /** Advances virtual time by {@code nanos}: LWPs run, bursts end, sleepers wake, schedclock ticks. */
    public void run(long nanos) {
        long end = host.now + nanos;
        while (host.now < end) {
            host.now += STEP_NANOS;
            for (SimLwp t : lwps) {
                if (t.state == SimLwp.State.SLEEPING && t.wakeAt <= host.now) {
                    wake(t, -1);
                }
            }
            for (int cpu = 0; cpu < ncpus(); cpu++) {
                SimLwp t = host.current[cpu];
                if (t != null) {
                    t.runtimeNanos += STEP_NANOS;
                    if (!t.hog() && (t.burstLeft -= STEP_NANOS) <= 0) {
                        block(cpu);
                    }
                }
            }
            if (host.now % TICK_NANOS == 0) {
                for (int cpu = 0; cpu < ncpus(); cpu++) {
                    tick(cpu);
                }
            }
            int poll = sched.helperPollTicks();
            if (poll > 0 && host.now % (poll * HZ_NANOS) == 0) {
                for (int cpu = 0; cpu < ncpus(); cpu++) {
                    helper(cpu);
                }
            }
            if (host.now % SECOND_NANOS == 0) {
                schedcpu();
            }
            reschedulePending();
        }
    }

    /** Every LWP is in exactly one place, and the scheduler's count matches the core's. */
    public void checkInvariants() {
        int running = 0;
        for (int cpu = 0; cpu < ncpus(); cpu++) {
            SimLwp t = host.current[cpu];
            if (t != null) {
                running++;
                if (t.state != SimLwp.State.RUNNING || t.cpu != cpu || queued.contains(t)) {
                    throw new AssertionError("CPU " + cpu + " runs " + t);
                }
            }
        }
        int runnable = 0;
        int runningSeen = 0;
        for (SimLwp t : lwps) {
            switch (t.state) {
                case RUNNABLE -> {
                    runnable++;
                    if (!queued.contains(t)) {
                        throw new AssertionError("runnable but not queued: " + t);
                    }
                }
                case RUNNING -> runningSeen++;
                default -> {
                    if (queued.contains(t)) {
                        throw new AssertionError("queued but " + t.state + ": " + t);
                    }
                }
            }
        }
        if (runningSeen != running || runnable != queued.size()) {
            throw new AssertionError("running " + running + "/" + runningSeen + ", queued " + queued.size() + "/"
                    + runnable);
        }
        if (sched.queued() != queued.size()) {
            throw new AssertionError("scheduler counts " + sched.queued() + " queued, core " + queued.size());
        }
    }

    private SimLwp running(int cpu) {
        SimLwp t = host.current[cpu];
        if (t == null) {
            throw new IllegalStateException("CPU " + cpu + " runs no LWP");
        }
        return t;
    }

    private void enqueue(SimLwp t, int cpu, boolean wakeup) {
        if (!queued.add(t)) {
            throw new AssertionError("enqueued twice: " + t);
        }
        t.state = SimLwp.State.RUNNABLE;
        t.runnableSince = host.now;
        sched.enqueue(t, cpu, wakeup);
    }

    /** {@code schedcpu}: sleepers' slptime grows; the first pass that finds one asleep tells the scheduler. */
    private void schedcpu() {
        for (SimLwp t : lwps) {
            if (t.state == SimLwp.State.SLEEPING && ++t.slptime == 1) {
                sched.uloadUpdate(t, false);
            }
        }
    }

    private void pick(int cpu) {
        if (!host.online[cpu]) {
            return;
        }
        take(cpu, sched.pickNext(cpu), "pickNext");
    }

    /** Designates what {@code op} returned for {@code cpu}, after checking it was queued. */
    private void take(int cpu, SchedThread next, String op) {
        decisions = decisions * 31 + (next == null ? -1 : next.tid());
        if (next == null) {
            return;
        }
        if (!(next instanceof SimLwp t) || !queued.remove(t)) {
            throw new AssertionError(op + "(" + cpu + ") returned an LWP that was not queued: " + next);
        }
        if (host.current[cpu] != null) {
            throw new AssertionError(op + "(" + cpu + ") while " + host.current[cpu] + " is designated");
        }
        designate(t, cpu);
    }

    private void designate(SimLwp t, int cpu) {
        SimLwp old = host.current[cpu];
        if (old != null) {
            old.state = SimLwp.State.RUNNABLE;
        }
        long waited = host.now - t.runnableSince;
        if (waited > maxWait) {
            maxWait = waited;
            maxWaiter = t;
        }
        host.current[cpu] = t;
        t.state = SimLwp.State.RUNNING;
        t.cpu = cpu;
        switches++;
    }
}
