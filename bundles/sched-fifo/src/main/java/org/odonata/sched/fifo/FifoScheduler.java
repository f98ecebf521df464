package org.odonata.sched.fifo;

import java.util.List;

import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;

/**
 * The queueing-theory baseline: one global FIFO run queue shared by every CPU, no priorities (nice and class
 * are ignored), no affinity, and no preemption except the quantum. It is work-conserving: every enqueue kicks
 * an idle CPU when there is one, and an idle CPU always takes the head. The running LWP yields the CPU when
 * its quantum ({@code quantumTicks} schedclock ticks) expires and someone is waiting.
 * <p>
 * Cost: enqueue, dequeue, pickNext and tick are O(1); selectCpu and the idle kick scan the CPUs, O(ncpus).
 */
public final class FifoScheduler implements UserScheduler {

    /** Five schedclock ticks at 50 Hz: 100 ms, DragonFly's round-robin interval. */
    public static final int DEFAULT_QUANTUM_TICKS = 5;

    private final int quantumTicks;
    private final FifoQueue queue = new FifoQueue();
    private SchedHost host;
    private int ncpus;
    /** The LWP each CPU's quantum is being counted for, and how many ticks it has run. */
    private SchedThread[] quantumOwner;
    private int[] quantumUsed;
    /** The quantum ran out: the next reschedule check on that CPU hands the CPU to the queue's head. */
    private boolean[] expired;
    /** An idle CPU already asked to pick up work; it is not kicked twice for two wakeups. */
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
        queue.append(state(t));
        t.setUpri(0);
        kickIdle(cpu);
    }

    @Override
    public boolean dequeue(SchedThread t) {
        return t.schedData() instanceof FifoLwp n && n.owner == this && queue.remove(n);
    }

    @Override
    public SchedThread pickNext(int cpu) {
        kicked[cpu] = false;
        expired[cpu] = false;
        return queue.poll();
    }

    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        boolean yield = expired[cpu] && !queue.isEmpty();
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
            if (!queue.isEmpty()) {
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
        return queue.size();
    }

    @Override
    public List<SchedThread> exportRunnable() {
        return queue.drain();
    }

    @Override
    public void importRunnable(List<SchedThread> threads) {
        // An import only makes idle CPUs busy (kicked); none becomes idle, as designations change only when the
        // core picks. So once a kick finds no idle CPU, the O(ncpus) search is skipped for the rest.
        boolean idleLeft = true;
        for (SchedThread t : threads) {
            t.setSchedData(null);
            queue.append(state(t));
            t.setUpri(0);
            if (idleLeft) {
                idleLeft = kickIdle(t.cpu());
            }
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
     * returns whether there was one.
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
