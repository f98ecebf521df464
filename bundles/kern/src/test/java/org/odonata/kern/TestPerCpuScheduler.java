package org.odonata.kern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;

/** A second test policy: per-CPU FIFOs, least-loaded placement on online CPUs, idle CPUs steal from the longest. */
final class TestPerCpuScheduler implements UserScheduler {

    static UserSchedulerFactory factory(String name) {
        return new UserSchedulerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test per-CPU FIFOs";
            }

            @Override
            public UserScheduler create() {
                return new TestPerCpuScheduler();
            }
        };
    }

    private SchedHost host;
    private ArrayDeque<SchedThread>[] queues;
    private int[] rr;
    private int total;

    @Override
    @SuppressWarnings("unchecked")
    public void init(SchedHost h) {
        host = h;
        int n = h.topology().cpuCount();
        queues = new ArrayDeque[n];
        for (int i = 0; i < n; i++) {
            queues[i] = new ArrayDeque<>();
        }
        rr = new int[n];
    }

    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        int start = Math.max(0, t.cpu());
        int best = -1;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < queues.length; i++) {
            int c = (start + i) % queues.length;
            int load = queues[c].size() + (host.current(c) == null ? 0 : 1);
            if (host.online(c) && load < bestLoad) {
                bestLoad = load;
                best = c;
            }
        }
        return best;
    }

    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        queues[cpu].add(t);
        total++;
        if (host.current(cpu) == null || wakeup) {
            host.needResched(cpu);
        }
    }

    @Override
    public boolean dequeue(SchedThread t) {
        for (ArrayDeque<SchedThread> q : queues) {
            if (q.remove(t)) {
                total--;
                return true;
            }
        }
        return false;
    }

    @Override
    public SchedThread pickNext(int cpu) {
        ArrayDeque<SchedThread> q = queues[cpu];
        if (q.isEmpty()) {
            int longest = -1;
            for (int i = 0; i < queues.length; i++) {
                if (!queues[i].isEmpty() && (longest < 0 || queues[i].size() > queues[longest].size())) {
                    longest = i;
                }
            }
            if (longest < 0) {
                return null;
            }
            q = queues[longest];
            host.migrated(q.peek(), longest, cpu);
        }
        total--;
        rr[cpu] = 0;
        return q.poll();
    }

    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        return !queues[cpu].isEmpty();
    }

    @Override
    public void tick(int cpu, SchedThread running) {
        ArrayDeque<SchedThread> q = queues[cpu];
        if (!q.isEmpty() && host.now() - q.peek().runnableSince() >= TestFifoScheduler.QUANTUM) {
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
        return total;
    }

    @Override
    public List<SchedThread> exportRunnable() {
        List<SchedThread> out = new ArrayList<>();
        boolean any = true;
        while (any) {
            any = false;
            for (ArrayDeque<SchedThread> q : queues) {
                if (!q.isEmpty()) {
                    out.add(q.poll());
                    any = true;
                }
            }
        }
        total = 0;
        return out;
    }

    @Override
    public void importRunnable(List<SchedThread> threads) {
        for (SchedThread t : threads) {
            queues[host.online(t.cpu()) ? t.cpu() : selectCpu(t, -1)].add(t);
            total++;
        }
    }
}
