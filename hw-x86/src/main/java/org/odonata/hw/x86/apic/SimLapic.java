package org.odonata.hw.x86.apic;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.odonata.api.apic.InterruptHandler;
import org.odonata.api.apic.IpiStats;
import org.odonata.api.apic.Lapic;
import org.odonata.api.apic.Vector;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EventHandle;
import org.odonata.api.topology.Topology;
import org.odonata.hw.x86.cpu.SimCpu;

/**
 * The machine's local APICs. Guarantee: every interrupt is one engine event at its delivery time — an IPI
 * {@code costs.ipi(distance)} cycles after it is sent, a timer interrupt {@code lapicExpiry} cycles after its
 * deadline — so deliveries follow the engine's deterministic (time, scheduling order). At most one
 * {@link Vector#XIPIQ} per target is outstanding through {@link #sendIpiq}. Cost: O(1) per call, one event per
 * interrupt.
 * <p>
 * Simplifications: the sender of an IPI pays only its ICR write, priced as {@code lineLocal}; the receiver's
 * interrupt entry is left to its handler; the npoll swap is not priced; a timer counts as armed until its
 * interrupt is delivered.
 */
public final class SimLapic implements Lapic {

    private final Engine engine;
    private final Topology topology;
    private final CostModel costs;
    private final CostModel clock;
    private final SimCpu[] cpus;
    private final EventHandle[] timers;
    private final long[] deadlines;
    /** DragonFly's gd_npoll: 1 while an XIPIQ to that CPU is raised and not yet taken. */
    private final boolean[] npoll;

    private long ipisSent;
    private long ipiqAvoided;
    private long timerArms;
    private long timerExpiries;
    private long haltWakeups;

    /**
     * @param cpus the machine's CPUs, indexed by id; they receive the interrupts
     */
    public SimLapic(Engine engine, Topology topology, CostModel costs, List<SimCpu> cpus) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.clock = costs;
        int n = topology.cpuCount();
        if (cpus.size() != n) {
            throw new IllegalArgumentException("topology " + topology.name() + " has " + n + " CPUs, given "
                    + cpus.size());
        }
        this.cpus = cpus.toArray(new SimCpu[0]);
        for (int i = 0; i < n; i++) {
            if (this.cpus[i].id() != i) {
                throw new IllegalArgumentException("CPU at index " + i + " has id " + this.cpus[i].id());
            }
        }
        this.timers = new EventHandle[n];
        this.deadlines = new long[n];
        Arrays.fill(deadlines, -1L);
        this.npoll = new boolean[n];
    }

    @Override
    public void setHandler(int cpu, InterruptHandler handler) {
        cpus[cpu].setHandler(handler);
    }

    @Override
    public void arm(int cpu, long deadline) {
        SimCpu c = cpus[cpu];
        if (deadline < 0) {
            throw new IllegalArgumentException("cpu " + cpu + ": negative timer deadline " + deadline);
        }
        cancelTimer(cpu);
        c.charge(costs.lapicProgram());
        timerArms++;
        deadlines[cpu] = deadline;
        // A deadline already passed fires at once, as a TSC-deadline MSR write in the past does.
        long due = Math.max(deadline, engine.now()) + clock.nanos(costs.lapicExpiry());
        timers[cpu] = engine.at(due, () -> expire(cpu));
    }

    @Override
    public boolean disarm(int cpu) {
        return cancelTimer(cpu);
    }

    @Override
    public long deadline(int cpu) {
        return deadlines[cpu];
    }

    @Override
    public void sendIpi(int from, int to, Vector vector) {
        Objects.requireNonNull(vector, "vector");
        cpus[from].charge(costs.lineLocal());
        ipisSent++;
        long delay = clock.nanos(costs.ipi(topology.distance(from, to)));
        engine.after(delay, () -> deliver(to, vector));
    }

    @Override
    public boolean sendIpiq(int from, int to) {
        if (npoll[to]) {
            ipiqAvoided++;
            return false;
        }
        npoll[to] = true;
        sendIpi(from, to, Vector.XIPIQ);
        return true;
    }

    @Override
    public void raiseIrq(int cpu, int irq) {
        SimCpu c = cpus[cpu];
        engine.after(clock.nanos(costs.lapicExpiry()), () -> {
            if (c.deliverIrq(irq)) {
                haltWakeups++;
            }
        });
    }

    @Override
    public IpiStats stats() {
        return new IpiStats(ipisSent, ipiqAvoided, timerArms, timerExpiries, haltWakeups);
    }

    private boolean cancelTimer(int cpu) {
        EventHandle h = timers[cpu];
        timers[cpu] = null;
        deadlines[cpu] = -1;
        return h != null && h.cancel();
    }

    private void expire(int cpu) {
        timers[cpu] = null;
        deadlines[cpu] = -1;
        timerExpiries++;
        deliver(cpu, Vector.XTIMER);
    }

    private void deliver(int cpu, Vector vector) {
        if (vector == Vector.XIPIQ) {
            // Xipiq exchanges npoll back to 0 before processing, so a send racing with the handler raises anew.
            npoll[cpu] = false;
        }
        if (cpus[cpu].deliver(vector)) {
            haltWakeups++;
        }
    }
}
