package org.odonata.sched.fifo;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;

/**
 * The queueing-theory baseline: one global FIFO run queue per scheduling class shared by every CPU, no
 * priorities within a class (nice and rtprio levels are ignored), no affinity. Classes are strict, as rtprio
 * classes are in DragonFly: a CPU takes the head of the best non-empty class (realtime, then normal, then idle),
 * and an LWP of a better class than one running preempts it when no CPU is idle. Within a class the only
 * preemption is the quantum: the running LWP yields the CPU when its quantum ({@code quantumTicks} schedclock
 * ticks) expires and an LWP of its class or a better one is waiting. It is work-conserving: every enqueue kicks an
 * idle CPU when there is one, and an idle CPU always takes a head. With every LWP in the normal class (the
 * default) it is a single FIFO.
 * <p>
 * Cost: enqueue, dequeue, pickNext and tick are O(1); selectCpu, the idle kick and the preemption scan look at
 * each CPU once, O(ncpus).
 */
public final class FifoScheduler implements UserScheduler {

    /** Five schedclock ticks at 50 Hz: 100 ms, DragonFly's round-robin interval. */
    public static final int DEFAULT_QUANTUM_TICKS = 5;

    private final int quantumTicks;
    /** One queue per class, indexed by {@link SchedClass#ordinal()}, best class first. */
    private final FifoQueue[] queues = {new FifoQueue(), new FifoQueue(), new FifoQueue()};
    private SchedHost host;
    private int ncpus;
    /** The LWP each CPU's quantum is being counted for, and how many ticks it has run. */
    private SchedThread[] quantumOwner;
    private int[] quantumUsed;
    /** The quantum ran out: the next reschedule check on that CPU hands the CPU to the queue's head. */
    private boolean[] expired;
    /** A CPU already asked to pick up work or give way; it is not kicked twice for two wakeups. */
    private boolean[] kicked;
    private int rotor;

    public FifoScheduler() {
        this(DEFAULT_QUANTUM_TICKS);
    }

    /** @param quantumTicks schedclock ticks (20 ms each) a running LWP keeps the CPU while others wait */
    public FifoScheduler(int quantumTicks) {
        if (quantumTicks < 1) {
            throw new IllegalArgumentException("quantumTicks must be at least 1, was " + quantumTicks);
        }
        this.quantumTicks = quantumTicks;
    }

    @Override
    public void init(SchedHost host) {
        this.host = host;
        this.ncpus = host.topology().cpuCount();
        this.quantumOwner = new SchedThread[ncpus];
        this.quantumUsed = new int[ncpus];
        this.expired = new boolean[ncpus];
        this.kicked = new boolean[ncpus];
    }

    /** The lowest-numbered idle CPU nobody has kicked yet, else the next CPU in round-robin order. */
    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        int idle = idleCpu();
        if (idle >= 0) {
            return idle;
        }
        for (int i = 0; i < ncpus; i++) {
            int cpu = rotor;
            rotor = (rotor + 1) % ncpus;
            if (host.online(cpu)) {
                return cpu;
            }
        }
        return t.cpu();
    }

    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        FifoLwp n = state(t);
        SchedClass c = t.schedClass();
        queues[c.ordinal()].append(n);
        // the LWKT hint: a better class goes first among user threads on one CPU
        t.setUpri(-c.ordinal());
        if (!kickIdle(cpu)) {
            preemptWorse(c);
        }
    }

    @Override
    public boolean dequeue(SchedThread t) {
        return t.schedData() instanceof FifoLwp n && n.owner == this && n.queue != null && n.queue.remove(n);
    }

    @Override
    public SchedThread pickNext(int cpu) {
        kicked[cpu] = false;
        expired[cpu] = false;
        for (FifoQueue q : queues) {
            if (!q.isEmpty()) {
                return q.poll();
            }
        }
        return null;
    }

    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        int mine = current.schedClass().ordinal();
        boolean yield = waitingAtOrAbove(mine - 1) || expired[cpu] && waitingAtOrAbove(mine);
        expired[cpu] = false;
        return yield;
    }

    @Override
    public void tick(int cpu, SchedThread running) {
        if (running == null) {
            quantumOwner[cpu] = null;
            return;
        }
        if (quantumOwner[cpu] != running) {
            quantumOwner[cpu] = running;
            quantumUsed[cpu] = 0;
        }
        if (++quantumUsed[cpu] >= quantumTicks) {
            quantumUsed[cpu] = 0;
            if (waitingAtOrAbove(running.schedClass().ordinal())) {
                expired[cpu] = true;
                host.needResched(cpu);
            }
        }
    }

    @Override
    public void yielded(SchedThread t) {
        // the core re-enqueues the LWP, which puts it behind everyone already waiting
    }

    @Override
    public void forked(SchedThread parent, SchedThread child) {
        // no per-LWP history to inherit
    }

    @Override
    public void exited(SchedThread t) {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (quantumOwner[cpu] == t) {
                quantumOwner[cpu] = null;
            }
        }
    }

    @Override
    public int queued() {
        int n = 0;
        for (FifoQueue q : queues) {
            n += q.size();
        }
        return n;
    }

    @Override
    public List<SchedThread> exportRunnable() {
        List<SchedThread> out = new ArrayList<>(queued());
        for (FifoQueue q : queues) {
            out.addAll(q.drain());
        }
        return out;
    }

    @Override
    public void importRunnable(List<SchedThread> threads) {
        for (SchedThread t : threads) {
            t.setSchedData(null);
            enqueue(t, t.cpu(), true);
        }
    }

    /** This scheduler's state for {@code t}, replacing another scheduler's (or a discarded instance's). */
    private FifoLwp state(SchedThread t) {
        if (t.schedData() instanceof FifoLwp n && n.owner == this) {
            return n;
        }
        FifoLwp n = new FifoLwp(t, this);
        t.setSchedData(n);
        return n;
    }

    /**
     * Wakes {@code preferred} if it is idle, else the lowest-numbered idle CPU, so no CPU idles while work waits;
     * false when no CPU is idle.
     */
    private boolean kickIdle(int preferred) {
        int cpu = preferred >= 0 && preferred < ncpus && idle(preferred) ? preferred : idleCpu();
        if (cpu < 0) {
            return false;
        }
        kicked[cpu] = true;
        host.needResched(cpu);
        return true;
    }

    /** Asks the first CPU running an LWP of a worse class than {@code c}, and not yet asked, to give way. */
    private void preemptWorse(SchedClass c) {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            SchedThread cur = host.online(cpu) ? host.current(cpu) : null;
            if (cur != null && !kicked[cpu] && cur.schedClass().ordinal() > c.ordinal()) {
                kicked[cpu] = true;
                host.needResched(cpu);
                return;
            }
        }
    }

    /** Whether an LWP of class index {@code worst} or a better one is queued. */
    private boolean waitingAtOrAbove(int worst) {
        for (int c = 0; c <= worst; c++) {
            if (!queues[c].isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private int idleCpu() {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (idle(cpu)) {
                return cpu;
            }
        }
        return -1;
    }

    private boolean idle(int cpu) {
        return !kicked[cpu] && host.online(cpu) && host.current(cpu) == null;
    }
}
