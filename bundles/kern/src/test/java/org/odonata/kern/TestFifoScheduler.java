package org.odonata.kern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;

/**
 * A minimal reference policy for the core's tests: one global FIFO, wakeups placed on an idle online CPU if there is
 * one (else where the LWP last ran, or the next online CPU after it), a 20 ms round robin. Not affinity-aware; the
 * real {@code fifo} lives in its own bundle.
 */
class TestFifoScheduler implements UserScheduler {

    static UserSchedulerFactory factory(String name) {
        return new UserSchedulerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test FIFO";
            }

            @Override
            public UserScheduler create() {
                return new TestFifoScheduler();
            }
        };
    }

    static final long QUANTUM = 20_000_000;

    private final ArrayDeque<SchedThread> queue = new ArrayDeque<>();
    private SchedHost host;
    private int[] rr;

    @Override
    public void init(SchedHost h) {
        this.host = h;
        this.rr = new int[h.topology().cpuCount()];
    }

    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        int n = rr.length;
        int start = Math.max(0, t.cpu());
        for (int i = 0; i < n; i++) {
            int c = (start + i) % n;
            if (host.online(c) && host.current(c) == null) {
                return c;
            }
        }
        for (int i = 0; i < n; i++) {
            int c = (start + i) % n;
            if (host.online(c)) {
                return c;
            }
        }
        throw new IllegalStateException("no CPU is online");
    }

    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        queue.add(t);
        for (int i = 0; i < rr.length; i++) {
            int c = (cpu + i) % rr.length;
            if (host.online(c) && host.current(c) == null) {
                host.needResched(c);
                return;
            }
        }
    }

    @Override
    public boolean dequeue(SchedThread t) {
        return queue.remove(t);
    }

    @Override
    public SchedThread pickNext(int cpu) {
        rr[cpu] = 0;
        return queue.poll();
    }

    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        return !queue.isEmpty();
    }

    @Override
    public void tick(int cpu, SchedThread running) {
        // round robin by how long the head has waited, so the quantum survives swaps (no per-instance counters)
        if (!queue.isEmpty() && host.current(cpu) != null && host.now() - queue.peek().runnableSince() >= QUANTUM) {
            host.needResched(cpu);
        }
    }

    @Override
    public void yielded(SchedThread t) {
    }

    @Override
    public void forked(SchedThread parent, SchedThread child) {
    }

    @Override
    public void exited(SchedThread t) {
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public List<SchedThread> exportRunnable() {
        List<SchedThread> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    @Override
    public void importRunnable(List<SchedThread> threads) {
        queue.addAll(threads);
    }
}
