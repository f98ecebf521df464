package org.odonata.hw.x86.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.apic.Vector;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.SimThread;
import org.odonata.hw.x86.engine.Engines;
import org.odonata.hw.x86.testing.TestMachines;

class SimCpuTest {

    private final Engine engine = Engines.create(EngineKind.CONTINUATION, 1L);

    private SimCpu cpu(CostModel costs) {
        return new SimCpu(engine, TestMachines.sixteen().cpu(0), costs);
    }

    private void run(String name, Runnable body) {
        SimThread t = engine.spawn(name, body);
        engine.runUntilIdle();
        assertNull(t.failure(), () -> name + " failed: " + t.failure());
    }

    @Test
    void oneCycleCharged3000TimesAt3kHzIsExactlyOneSecond() {
        SimCpu cpu = cpu(CostModel.defaults().with("frequencyHz", 3_000));
        run("ticker", () -> {
            for (int i = 0; i < 3_000; i++) {
                cpu.consume(1);
            }
        });
        assertEquals(1_000_000_000L, engine.now());
        assertEquals(3_000, cpu.cyclesCharged());
    }

    @Test
    void aStallDelaysTheRunningThreadByItsLengthWithoutChargingIt() {
        SimCpu cpu = cpu(CostModel.defaults().with("frequencyHz", 1_000_000_000L));
        engine.at(2_500, () -> cpu.stall(10_000));
        List<Long> steps = new ArrayList<>();
        run("worker", () -> {
            for (int i = 0; i < 5; i++) {
                cpu.consume(1_000);
                steps.add(engine.now());
            }
        });
        // 1 GHz: each step is 1 µs; the stall starts at 2.5 µs and holds the thread until 12.5 µs.
        assertEquals(List.of(1_000L, 2_000L, 12_500L, 13_500L, 14_500L), steps);
        assertEquals(5_000, cpu.cyclesCharged());
    }

    @Test
    void aHaltedCpuWokenDuringAStallRunsWhenTheStallEnds() {
        SimCpu cpu = cpu(CostModel.defaults());
        long[] resumed = new long[1];
        engine.at(1_000, () -> cpu.stall(5_000));
        engine.at(2_000, () -> cpu.deliver(Vector.XIPIQ));
        run("idle", () -> {
            cpu.halt();
            resumed[0] = engine.now();
        });
        assertEquals(6_000, resumed[0]);
        assertThrows(IllegalArgumentException.class, () -> cpu.stall(-1));
    }

    @Test
    void oneCycleSettled300kTimesAt3GHzIsExactly100Microseconds() {
        SimCpu cpu = cpu(CostModel.defaults());
        run("ticker", () -> {
            for (int i = 0; i < 300_000; i++) {
                cpu.charge(1);
                cpu.settle();
            }
        });
        assertEquals(100_000L, engine.now());
    }

    @Test
    void fractionalNanosecondsCarryOverInsteadOfBeingLost() {
        SimCpu cpu = cpu(CostModel.defaults().with("frequencyHz", 2_900_000_000L));
        run("odd", () -> {
            for (int i = 0; i < 10_000; i++) {
                cpu.consume(7);
            }
        });
        // Rounding each 2.41 ns settle down would give 20_000 ns.
        assertEquals(70_000L * 1_000_000_000L / 2_900_000_000L, engine.now());
    }

    @Test
    void chargeWithoutSettleIsNotVirtualTimeYet() {
        SimCpu cpu = cpu(CostModel.defaults());
        List<Long> seen = new ArrayList<>();
        run("lazy", () -> {
            cpu.charge(3_000);
            seen.add(engine.now());
            seen.add(cpu.debt());
            cpu.settle();
            seen.add(engine.now());
            seen.add(cpu.debt());
        });
        assertEquals(List.of(0L, 3_000L, 1_000L, 0L), seen);
    }

    @Test
    void settleOutsideASimulatedThreadOnlyClearsTheDebt() {
        SimCpu cpu = cpu(CostModel.defaults());
        cpu.consume(3_000);
        assertEquals(0, cpu.debt());
        assertEquals(3_000, cpu.cyclesCharged());
        assertEquals(0, engine.now());
    }

    @Test
    void rdtscIsVirtualTimeInCyclesAndCostsTscRead() {
        CostModel costs = CostModel.defaults();
        SimCpu cpu = cpu(costs);
        List<Long> tsc = new ArrayList<>();
        run("tsc", () -> {
            engine.sleep(1_000);
            tsc.add(cpu.rdtsc());
            cpu.settle();
            tsc.add(cpu.rdtsc());
        });
        // The 25 cycles of the first read settle into 8 ns, which the TSC shows as 24 cycles: one carries on.
        assertEquals(List.of(3_000L, 3_024L), tsc);
        assertEquals(2 * costs.tscRead(), cpu.cyclesCharged());
    }

    @Test
    void haltParksUntilAnInterruptIsDelivered() {
        SimCpu cpu = cpu(CostModel.defaults());
        List<Long> woke = new ArrayList<>();
        List<Vector> handled = new ArrayList<>();
        cpu.setHandler((id, v) -> handled.add(v));
        engine.spawn("idle", () -> {
            cpu.halt();
            woke.add(engine.now());
        });
        List<Boolean> observed = new ArrayList<>();
        engine.at(500, () -> observed.add(cpu.halted()));
        engine.at(700, () -> observed.add(cpu.deliver(Vector.XIPIQ)));
        engine.runUntilIdle();
        assertEquals(List.of(true, true), observed);
        assertEquals(List.of(700L), woke);
        assertEquals(List.of(Vector.XIPIQ), handled);
        assertFalse(cpu.halted());
    }

    @Test
    void haltReturnsAtOnceWhenAnInterruptIsPending() {
        SimCpu cpu = cpu(CostModel.defaults());
        assertFalse(cpu.deliver(Vector.XTIMER));
        List<Long> woke = new ArrayList<>();
        run("idle", () -> {
            cpu.halt();
            woke.add(engine.now());
        });
        assertEquals(List.of(0L), woke);
    }

    @Test
    void haltOutsideASimulatedThreadFails() {
        assertThrows(IllegalStateException.class, () -> cpu(CostModel.defaults()).halt());
    }
}
