package org.odonata.hw.x86.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odonata.api.apic.IpiStats;
import org.odonata.api.apic.Vector;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.topology.Topology;
import org.odonata.hw.x86.cpu.SimCpu;
import org.odonata.hw.x86.engine.Engines;
import org.odonata.hw.x86.testing.TestMachines;

class SimLapicTest {

    /** One interrupt as a handler saw it. */
    record Taken(long time, int cpu, Vector vector) {
    }

    private final CostModel costs = CostModel.defaults();
    private final Engine engine = Engines.create(EngineKind.CONTINUATION, 1L);
    private final Topology topology = TestMachines.sixteen();
    private final List<SimCpu> cpus = TestMachines.cpus(engine, topology, costs);
    private final SimLapic lapic = new SimLapic(engine, topology, costs, cpus);
    private final List<Taken> taken = new ArrayList<>();

    SimLapicTest() {
        for (int i = 0; i < topology.cpuCount(); i++) {
            lapic.setHandler(i, (cpu, v) -> taken.add(new Taken(engine.now(), cpu, v)));
        }
    }

    private long nanos(long cycles) {
        return costs.nanos(cycles);
    }

    @ParameterizedTest(name = "cpu 0 -> cpu {0} takes {1}")
    @CsvSource({"0, ipiSmtSibling", "1, ipiSmtSibling", "2, ipiSameL3", "4, ipiSamePackage", "8, ipiOtherPackage"})
    void ipiIsDeliveredAfterTheCostForTheDistance(int to, String costName) {
        engine.at(1_000, () -> lapic.sendIpi(0, to, Vector.XINVLTLB));
        engine.runUntilIdle();
        assertEquals(List.of(new Taken(1_000 + nanos(costs.asMap().get(costName)), to, Vector.XINVLTLB)), taken);
        assertEquals(costs.lineLocal(), cpus.get(0).cyclesCharged());
        assertEquals(1, lapic.stats().ipisSent());
    }

    @Test
    void ipiqSendsCoalesceUntilTheInterruptIsTaken() {
        List<Boolean> raised = new ArrayList<>();
        engine.at(0, () -> {
            raised.add(lapic.sendIpiq(0, 8));
            raised.add(lapic.sendIpiq(1, 8));
        });
        engine.runUntilIdle();
        assertEquals(List.of(new Taken(nanos(costs.ipiOtherPackage()), 8, Vector.XIPIQ)), taken);
        engine.at(engine.now() + 10, () -> raised.add(lapic.sendIpiq(0, 8)));
        engine.runUntilIdle();
        assertEquals(List.of(true, false, true), raised);
        assertEquals(2, taken.size());
        assertEquals(new IpiStats(2, 1, 0, 0, 0), lapic.stats());
    }

    @Test
    void theLatchIsClearedBeforeTheXipiqHandlerRuns() {
        List<Boolean> raisedFromHandler = new ArrayList<>();
        lapic.setHandler(2, (cpu, v) -> {
            taken.add(new Taken(engine.now(), cpu, v));
            if (taken.size() == 1) {
                raisedFromHandler.add(lapic.sendIpiq(0, 2));
            }
        });
        engine.at(0, () -> lapic.sendIpiq(0, 2));
        engine.runUntilIdle();
        assertEquals(List.of(true), raisedFromHandler);
        long d = nanos(costs.ipiSameL3());
        assertEquals(List.of(new Taken(d, 2, Vector.XIPIQ), new Taken(2 * d, 2, Vector.XIPIQ)), taken);
    }

    @Test
    void ipiqLatchesAreIndependentPerTarget() {
        List<Boolean> raised = new ArrayList<>();
        engine.at(0, () -> {
            raised.add(lapic.sendIpiq(0, 4));
            raised.add(lapic.sendIpiq(0, 8));
        });
        engine.runUntilIdle();
        assertEquals(List.of(true, true), raised);
        assertEquals(2, taken.size());
        assertEquals(0, lapic.stats().ipiqAvoided());
    }

    @Test
    void timerFiresLapicExpiryAfterItsDeadlineAndCostsLapicProgram() {
        engine.at(100, () -> lapic.arm(3, 5_000));
        engine.runUntil(4_999);
        assertEquals(5_000, lapic.deadline(3));
        engine.runUntilIdle();
        assertEquals(List.of(new Taken(5_000 + nanos(costs.lapicExpiry()), 3, Vector.XTIMER)), taken);
        assertEquals(-1, lapic.deadline(3));
        assertEquals(costs.lapicProgram(), cpus.get(3).cyclesCharged());
        assertEquals(new IpiStats(0, 0, 1, 1, 0), lapic.stats());
    }

    @Test
    void rearmingReplacesTheEarlierDeadline() {
        engine.at(0, () -> lapic.arm(3, 5_000));
        engine.at(10, () -> lapic.arm(3, 8_000));
        engine.runUntilIdle();
        assertEquals(List.of(new Taken(8_000 + nanos(costs.lapicExpiry()), 3, Vector.XTIMER)), taken);
        assertEquals(2 * costs.lapicProgram(), cpus.get(3).cyclesCharged());
        assertEquals(2, lapic.stats().timerArms());
        assertEquals(1, lapic.stats().timerExpiries());
    }

    @Test
    void disarmCancelsTheTimer() {
        List<Boolean> disarmed = new ArrayList<>();
        engine.at(0, () -> lapic.arm(3, 5_000));
        engine.at(10, () -> {
            disarmed.add(lapic.disarm(3));
            disarmed.add(lapic.disarm(3));
        });
        engine.runUntilIdle();
        assertEquals(List.of(true, false), disarmed);
        assertTrue(taken.isEmpty());
        assertEquals(-1, lapic.deadline(3));
    }

    @Test
    void aDeadlineInThePastFiresAtOnce() {
        engine.at(1_000, () -> lapic.arm(0, 10));
        engine.runUntilIdle();
        assertEquals(List.of(new Taken(1_000 + nanos(costs.lapicExpiry()), 0, Vector.XTIMER)), taken);
    }

    @Test
    void theTimerHandlerCanRearmForAPeriodicTick() {
        lapic.setHandler(6, (cpu, v) -> {
            taken.add(new Taken(engine.now(), cpu, v));
            if (taken.size() < 3) {
                lapic.arm(cpu, engine.now() + 10_000);
            }
        });
        engine.at(0, () -> lapic.arm(6, 10_000));
        engine.runUntilIdle();
        long e = nanos(costs.lapicExpiry());
        assertEquals(List.of(new Taken(10_000 + e, 6, Vector.XTIMER), new Taken(20_000 + 2 * e, 6, Vector.XTIMER),
                new Taken(30_000 + 3 * e, 6, Vector.XTIMER)), taken);
        assertEquals(3, lapic.stats().timerExpiries());
    }

    @Test
    void aHaltedCpuWakesOnAnIpi() {
        List<Long> woke = new ArrayList<>();
        engine.spawn("idle8", () -> {
            cpus.get(8).halt();
            woke.add(engine.now());
        });
        engine.at(2_000, () -> lapic.sendIpi(0, 8, Vector.XIPIQ));
        engine.runUntil(2_000);
        assertTrue(cpus.get(8).halted());
        engine.runUntilIdle();
        long delivered = 2_000 + nanos(costs.ipiOtherPackage());
        assertEquals(List.of(delivered), woke);
        assertEquals(List.of(new Taken(delivered, 8, Vector.XIPIQ)), taken);
        assertFalse(cpus.get(8).halted());
        assertEquals(1, lapic.stats().haltWakeups());
    }

    @Test
    void aHaltedCpuWakesOnItsTimer() {
        List<Long> woke = new ArrayList<>();
        engine.spawn("idle5", () -> {
            lapic.arm(5, 3_000);
            cpus.get(5).halt();
            woke.add(engine.now());
        });
        engine.runUntilIdle();
        assertEquals(List.of(3_000 + nanos(costs.lapicExpiry())), woke);
        assertEquals(1, lapic.stats().haltWakeups());
    }
}
