package org.odonata.hw.x86.coherence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.CoherenceStats;
import org.odonata.api.topology.Topology;
import org.odonata.hw.x86.cpu.SimCpu;
import org.odonata.hw.x86.engine.Engines;
import org.odonata.hw.x86.testing.TestMachines;

/** Spin-waits inside a simulation, on both engines (they must give identical results). */
class SpinUntilChangedTest {

    /** A spinner's view when its wait returned. */
    record Woken(String who, long time, long value) {
    }

    private final CostModel costs = CostModel.defaults();
    private final Topology topology = TestMachines.sixteen();

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void spinnersWakeWhenAStoreChangesTheLineInRegistrationOrderPayingTheTransferFromTheWriterInTurn(EngineKind kind) {
        Engine engine = Engines.create(kind, 1L);
        List<SimCpu> cpus = TestMachines.cpus(engine, topology, costs);
        CoherenceModel model = new CoherenceModel(engine, topology, costs, cpus);
        CacheLine line = model.allocate("flag", 0, 0);
        model.store(0, line, 0);
        long[] base = cpus.stream().mapToLong(SimCpu::cyclesCharged).toArray();
        List<Woken> woken = new ArrayList<>();
        // The first to register spins on cpu 8, the second on cpu 2: wake order is not CPU order.
        engine.spawn("far", () -> {
            engine.sleep(100);
            long v = model.spinUntilChanged(8, line, 0);
            woken.add(new Woken("far", engine.now(), v));
        });
        engine.spawn("near", () -> {
            engine.sleep(300);
            long v = model.spinUntilChanged(2, line, 0);
            woken.add(new Woken("near", engine.now(), v));
        });
        engine.spawn("writer", () -> {
            engine.sleep(1_000);
            model.store(0, line, 0);
            model.compareAndSet(0, line, 5, 6);
            engine.sleep(1_000);
            model.store(0, line, 1);
        });
        engine.runUntilIdle();

        assertEquals(List.of(new Woken("far", 2_000, 1), new Woken("near", 2_000, 1)), woken);
        // far: first load from cpu 0 (other package), reload from the writer; near: first load from the
        // nearest copy (cpu 0, same L3), reload from the writer once far's reload, woken first, is done.
        assertEquals(2 * costs.lineOtherPackage(), cpus.get(8).cyclesCharged() - base[8]);
        assertEquals(2 * costs.lineSameL3() + costs.lineOtherPackage(), cpus.get(2).cyclesCharged() - base[2]);
        CostModel clock = costs;
        long farParked = 100 + costs.nanos(costs.lineOtherPackage());
        long nearParked = 300 + costs.nanos(costs.lineSameL3());
        CoherenceStats s = model.stats();
        assertEquals(2, s.spinWaits());
        assertEquals(clock.cycles(2_000 - farParked) + clock.cycles(2_000 - nearParked), s.spinCycles());
        assertEquals(costs.lineOtherPackage(), s.queuedCycles());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aStalledSpinnerSeesTheChangeOnlyWhenItsStallEnds(EngineKind kind) {
        Engine engine = Engines.create(kind, 1L);
        List<SimCpu> cpus = TestMachines.cpus(engine, topology, costs);
        CoherenceModel model = new CoherenceModel(engine, topology, costs, cpus);
        CacheLine line = model.allocate("flag", 0, 0);
        List<Woken> woken = new ArrayList<>();
        engine.spawn("spinner", () -> {
            long v = model.spinUntilChanged(2, line, 0);
            cpus.get(2).settle();
            woken.add(new Woken("spinner", engine.now(), v));
        });
        engine.at(500, () -> cpus.get(2).stall(2_500));
        engine.spawn("writer", () -> {
            engine.sleep(1_000);
            model.store(0, line, 1);
        });
        engine.runUntilIdle();
        assertEquals(List.of(new Woken("spinner", 3_000 + costs.nanos(costs.lineSameL3()), 1)), woken);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aChangeUndoneBeforeTheSpinnerRunsKeepsItWaiting(EngineKind kind) {
        Engine engine = Engines.create(kind, 1L);
        List<SimCpu> cpus = TestMachines.cpus(engine, topology, costs);
        CoherenceModel model = new CoherenceModel(engine, topology, costs, cpus);
        CacheLine line = model.allocate("aba", 0, 0);
        List<Woken> woken = new ArrayList<>();
        engine.spawn("spinner", () -> {
            long v = model.spinUntilChanged(1, line, 0);
            woken.add(new Woken("spinner", engine.now(), v));
        });
        engine.spawn("writer", () -> {
            engine.sleep(500);
            model.store(0, line, 1);
            model.store(0, line, 0);
            engine.sleep(500);
            model.fetchAdd(0, line, 7);
        });
        engine.runUntilIdle();
        assertEquals(List.of(new Woken("spinner", 1_000, 7)), woken);
        assertEquals(1, model.stats().spinWaits());
    }
}
