package org.odonata.sched.fifo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;
import org.odonata.api.sched.kit.FifoQueue;

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
public final class FifoScheduler extends DsqScheduler<Entity> {

    /** Five schedclock ticks at 50 Hz: 100 ms, DragonFly's round-robin interval. */
    public static final int DEFAULT_QUANTUM_TICKS = DEFAULT_SLICE_TICKS;

    /** One queue per class, indexed by {@link SchedClass#ordinal()}, best class first. */
    private final List<FifoQueue<Entity>> queues = new ArrayList<>();
    private int rotor;

    public FifoScheduler() {
        this(DEFAULT_QUANTUM_TICKS);
    }

    /** @param quantumTicks schedclock ticks (20 ms each) a running LWP keeps the CPU while others wait */
    public FifoScheduler(int quantumTicks) {
        super(quantumTicks);
    }

    @Override
    protected void setUp() {
        for (SchedClass c : SchedClass.values()) {
            queues.add(newFifo(c.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** The lowest-numbered idle CPU nobody has kicked yet, else the next CPU in round-robin order. */
    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        int idleCpu = idle.lowest();
        if (idleCpu >= 0) {
            return idleCpu;
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
        SchedClass c = append(t);
        if (!idle.kickIdle(cpu)) {
            preemptWorse(c);
        }
    }

    /** Queues {@code t} at the tail of its class's queue; returns the class. */
    private SchedClass append(SchedThread t) {
        SchedClass c = t.schedClass();
        queues.get(c.ordinal()).insert(entity(t));
        // the LWKT hint: a better class goes first among user threads on one CPU
        t.setUpri(-c.ordinal());
        return c;
    }

    @Override
    protected Entity dispatch(int cpu) {
        for (FifoQueue<Entity> q : queues) {
            if (!q.isEmpty()) {
                return q.poll();
            }
        }
        return null;
    }

    /** A better class waiting takes the CPU at once. */
    @Override
    protected boolean preempts(int cpu, SchedThread current) {
        return waitingAtOrAbove(current.schedClass().ordinal() - 1);
    }

    /** The quantum hands the CPU only to the same class or a better one. */
    @Override
    protected boolean waiting(int cpu, SchedThread running) {
        return waitingAtOrAbove(running.schedClass().ordinal());
    }

    @Override
    public void importRunnable(List<SchedThread> threads) {
        // Each LWP is enqueued as a wakeup. An import only marks CPUs kicked: none becomes idle or starts running
        // another LWP, as designations change only when the core picks. So an O(ncpus) search that found nothing
        // finds nothing again and is skipped: for an idle CPU, and for a CPU running a class worse than c (which
        // also fails for every class no better than c).
        boolean idleLeft = true;
        int nothingWorseFrom = Integer.MAX_VALUE;
        for (SchedThread t : threads) {
            int cpu = t.cpu();
            SchedClass c = append(t);
            if (idleLeft && idle.kickIdle(cpu)) {
                continue;
            }
            idleLeft = false;
            if (c.ordinal() < nothingWorseFrom && !preemptWorse(c)) {
                nothingWorseFrom = c.ordinal();
            }
        }
    }

    /**
     * Asks the first CPU running an LWP of a worse class than {@code c}, and not yet asked, to give way; false
     * when there is none.
     */
    private boolean preemptWorse(SchedClass c) {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            SchedThread cur = host.online(cpu) ? host.current(cpu) : null;
            if (cur != null && !idle.kicked(cpu) && cur.schedClass().ordinal() > c.ordinal()) {
                idle.kick(cpu);
                return true;
            }
        }
        return false;
    }

    /** Whether an LWP of class index {@code worst} or a better one is queued. */
    private boolean waitingAtOrAbove(int worst) {
        for (int c = 0; c <= worst; c++) {
            if (!queues.get(c).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
