package org.odonata.api.sched.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.odonata.api.cost.CostModel;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

/** A host for the kit's unit tests: designations and online CPUs set by hand, reschedule requests recorded. */
final class FakeHost implements SchedHost {

    private final Topology topology;
    final SchedThread[] current;
    final boolean[] online;
    final List<Integer> resched = new ArrayList<>();

    /** {@code l3s} last-level caches of {@code coresPerL3} cores of {@code smt} threads, CPUs numbered core by core. */
    FakeHost(int l3s, int coresPerL3, int smt) {
        List<CpuInfo> cpus = new ArrayList<>();
        for (int l3 = 0; l3 < l3s; l3++) {
            for (int core = 0; core < coresPerL3; core++) {
                for (int t = 0; t < smt; t++) {
                    int id = cpus.size();
                    cpus.add(new CpuInfo(id, id, 0, l3 * coresPerL3 + core, t, l3, 0, CoreKind.UNIFORM));
                }
            }
        }
        this.topology = new Topology("fake", cpus, List.of(new NumaNode(0, 1L << 30)));
        this.current = new SchedThread[cpus.size()];
        this.online = new boolean[cpus.size()];
        java.util.Arrays.fill(online, true);
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public CostModel costs() {
        return CostModel.defaults();
    }

    @Override
    public long now() {
        return 0;
    }

    @Override
    public RandomGenerator random() {
        return new SplittableRandom(1);
    }

    @Override
    public SchedThread current(int cpu) {
        return current[cpu];
    }

    @Override
    public boolean online(int cpu) {
        return online[cpu];
    }

    @Override
    public void needResched(int cpu) {
        resched.add(cpu);
    }

    @Override
    public void migrated(SchedThread t, int from, int to) {
    }

    /** A normal-class LWP that last ran on {@code cpu}. */
    static SchedThread lwp(long tid, int cpu) {
        return new SchedThread() {
            private Object data;

            @Override
            public long tid() {
                return tid;
            }

            @Override
            public int pid() {
                return (int) tid;
            }

            @Override
            public String name() {
                return "t" + tid;
            }

            @Override
            public int cpu() {
                return cpu;
            }

            @Override
            public int nice() {
                return 0;
            }

            @Override
            public SchedClass schedClass() {
                return SchedClass.NORMAL;
            }

            @Override
            public int schedLevel() {
                return 0;
            }

            @Override
            public long runnableSince() {
                return 0;
            }

            @Override
            public long lastSleepNanos() {
                return 0;
            }

            @Override
            public long runtimeNanos() {
                return 0;
            }

            @Override
            public Object schedData() {
                return data;
            }

            @Override
            public void setSchedData(Object d) {
                data = d;
            }

            @Override
            public void setUpri(int upri) {
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }
}
