package org.odonata.api.sched.kit;

import java.util.stream.IntStream;

import org.odonata.api.sched.SchedHost;
import org.odonata.api.topology.Topology;

/**
 * Which CPUs are idle, and kicks that wake them, without the idle-kick race: a kicked CPU stays without a
 * designated LWP until it picks, so it counts as busy from the kick until {@link #picked} (call it from
 * {@code pickNext}), and two wakeups in a row kick two CPUs. A CPU is idle when it is online, has no designated
 * LWP and has not been kicked. Every query looks at each CPU at most once, O(ncpus).
 */
public final class IdleCpus {

    private final SchedHost host;
    private final int ncpus;
    private final boolean[] kicked;
    /** Each CPU's core siblings and the CPUs sharing its L3, itself included, in id order. */
    private final int[][] core;
    private final int[][] l3;

    public IdleCpus(SchedHost host) {
        this.host = host;
        Topology topology = host.topology();
        this.ncpus = topology.cpuCount();
        this.kicked = new boolean[ncpus];
        this.core = new int[ncpus][];
        this.l3 = new int[ncpus][];
        for (int cpu = 0; cpu < ncpus; cpu++) {
            int coreId = topology.cpu(cpu).coreId();
            int l3Id = topology.cpu(cpu).l3Id();
            core[cpu] = IntStream.range(0, ncpus).filter(c -> topology.cpu(c).coreId() == coreId).toArray();
            l3[cpu] = IntStream.range(0, ncpus).filter(c -> topology.cpu(c).l3Id() == l3Id).toArray();
        }
    }

    public boolean idle(int cpu) {
        return !kicked[cpu] && host.online(cpu) && host.current(cpu) == null;
    }

    /** Kicked and not yet picked. */
    public boolean kicked(int cpu) {
        return kicked[cpu];
    }

    /** The lowest-numbered idle CPU, or -1. */
    public int lowest() {
        for (int cpu = 0; cpu < ncpus; cpu++) {
            if (idle(cpu)) {
                return cpu;
            }
        }
        return -1;
    }

    /** Asks {@code cpu} to reschedule ({@link SchedHost#needResched}) and marks it kicked until it picks. */
    public void kick(int cpu) {
        kicked[cpu] = true;
        host.needResched(cpu);
    }

    /** Kicks {@code preferred} if it is idle, else the lowest-numbered idle CPU; false when no CPU is idle. */
    public boolean kickIdle(int preferred) {
        int cpu = preferred >= 0 && preferred < ncpus && idle(preferred) ? preferred : lowest();
        if (cpu < 0) {
            return false;
        }
        kick(cpu);
        return true;
    }

    /** {@code cpu} is picking: it is no longer kicked. */
    public void picked(int cpu) {
        kicked[cpu] = false;
    }

    /**
     * An idle CPU near {@code prev}, or -1 (sched_ext's {@code scx_bpf_select_cpu_dfl}): {@code prev} if its
     * whole core is idle, else a wholly idle core sharing its L3, else {@code prev} if idle, else any idle CPU
     * sharing its L3, else a wholly idle core anywhere, else any idle CPU; the lowest-numbered at each step.
     * Whole cores first, because an idle SMT sibling shares its core with the work already there.
     *
     * @param prev the CPU the LWP last ran on; out of range means no preference
     */
    public int select(int prev) {
        if (prev >= 0 && prev < ncpus) {
            if (idle(prev) && coreIdle(prev)) {
                return prev;
            }
            for (int c : l3[prev]) {
                if (idle(c) && coreIdle(c)) {
                    return c;
                }
            }
            if (idle(prev)) {
                return prev;
            }
            for (int c : l3[prev]) {
                if (idle(c)) {
                    return c;
                }
            }
        }
        for (int c = 0; c < ncpus; c++) {
            if (idle(c) && coreIdle(c)) {
                return c;
            }
        }
        return lowest();
    }

    private boolean coreIdle(int cpu) {
        for (int c : core[cpu]) {
            if (!idle(c)) {
                return false;
            }
        }
        return true;
    }
}
