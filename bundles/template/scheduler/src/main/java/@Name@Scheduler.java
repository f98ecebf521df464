package @PACKAGE@;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;

/**
 * {@code @NAME@}: one global FIFO run queue that every CPU serves, with a time slice. A waking LWP goes to the
 * tail and kicks an idle CPU; a CPU whose LWP has run {@link #SLICE_TICKS} schedclock ticks while others wait
 * gives way. Start here: change {@link #enqueue} and {@link #pickNext} to make it yours.
 */
public final class @Name@Scheduler implements UserScheduler {

    /** Five schedclock ticks at 50 Hz: 100 ms, DragonFly's round-robin interval. */
    static final int SLICE_TICKS = 5;

    private final ArrayDeque<SchedThread> queue = new ArrayDeque<>();
    private SchedHost host;
    private int ncpus;
    /** Ticks the running LWP of each CPU has used of its slice. */
    private int[] used;
    /** A CPU asked to pick (idle, or its slice ran out) and not yet picking: not kicked twice. */
    private boolean[] kicked;

    @Override
    public void init(SchedHost host) {
        this.host = host;
        this.ncpus = host.topology().cpuCount();
        this.used = new int[ncpus];
        this.kicked = new boolean[ncpus];
    }

    /** An idle CPU if there is one, else where the LWP last ran if that CPU is online, else any online CPU. */
    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        int idle = idleCpu();
        if (idle >= 0) {
            return idle;
        }
        if (t.cpu() >= 0 && t.cpu() < ncpus && host.online(t.cpu())) {
            return t.cpu();
        }
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (host.online(cpu)) {
                return cpu;
            }
        }
        throw new IllegalStateException("no CPU is online");
    }

    /** To the tail of the queue; an idle CPU (the chosen one first) is asked to pick it up. */
    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        queue.addLast(t);
        int idle = cpu >= 0 && cpu < ncpus && idle(cpu) ? cpu : idleCpu();
        if (idle >= 0) {
            kicked[idle] = true;
            host.needResched(idle);
        }
    }

    @Override
    public boolean dequeue(SchedThread t) {
        return queue.remove(t);
    }

    /** The head of the queue: first come, first served. */
    @Override
    public SchedThread pickNext(int cpu) {
        kicked[cpu] = false;
        used[cpu] = 0;
        return queue.pollFirst();
    }

    /** Only when the slice ran out (tick) and someone waits. */
    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        return used[cpu] >= SLICE_TICKS && !queue.isEmpty();
    }

    @Override
    public void tick(int cpu, SchedThread running) {
        if (running != null && ++used[cpu] >= SLICE_TICKS && !queue.isEmpty() && !kicked[cpu]) {
            kicked[cpu] = true;
            host.needResched(cpu);
        }
    }

    @Override
    public void yielded(SchedThread t) {
        // the core enqueues it again, behind everyone waiting
    }

    @Override
    public void forked(SchedThread parent, SchedThread child) {
        // no per-LWP history to inherit
    }

    @Override
    public void exited(SchedThread t) {
        // no per-LWP state to drop: an exiting LWP is not queued
    }

    @Override
    public int queued() {
        return queue.size();
    }

    /** Everything queued, in the order it would have run: a live swap hands it to the next scheduler. */
    @Override
    public List<SchedThread> exportRunnable() {
        List<SchedThread> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    /** Another scheduler's queued LWPs, each queued as a wakeup near where it last ran. */
    @Override
    public void importRunnable(List<SchedThread> threads) {
        for (SchedThread t : threads) {
            enqueue(t, t.cpu(), true);
        }
    }

    private int idleCpu() {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (idle(cpu)) {
                return cpu;
            }
        }
        return -1;
    }

    /** Online, running no LWP, and not already asked to pick one (the core picks only later). */
    private boolean idle(int cpu) {
        return !kicked[cpu] && host.online(cpu) && host.current(cpu) == null;
    }
}
