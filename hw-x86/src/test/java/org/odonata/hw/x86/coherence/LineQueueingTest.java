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
import org.odonata.hw.x86.cpu.SimCpu;
import org.odonata.hw.x86.engine.Engines;
import org.odonata.hw.x86.testing.TestMachines;

/**
 * A line serves one transfer at a time: requests that find it busy wait for the transfers booked before them, on
 * both engines. Costs at 3 GHz: 300 cycles (other package) are 100 ns.
 */
class LineQueueingTest {

    private final CostModel costs = CostModel.defaults();

    private Engine engine;
    private List<SimCpu> cpus;
    private CoherenceModel model;

    private void boot(EngineKind kind) {
        engine = Engines.create(kind, 1L);
        cpus = TestMachines.cpus(engine, TestMachines.sixteen(), costs);
        model = new CoherenceModel(engine, TestMachines.sixteen(), costs, cpus);
    }

    /** When the tests' requests start: the set-up's memory fill (260 cycles from time 0) is long done. */
    private static final long T0 = 1_000;

    /** A line written by {@code owner} before the simulation starts, its cost already paid. */
    private CacheLine ownedBy(int owner) {
        CacheLine line = model.allocate("line", 0, 0);
        model.store(owner, line, 0);
        cpus.get(owner).settle();
        return line;
    }

    private long charged(int cpu) {
        return cpus.get(cpu).cyclesCharged();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void spinnersReloadingAfterOneStoreAreServedOneAfterAnother(EngineKind kind) {
        boot(kind);
        CacheLine line = ownedBy(0);
        long far = costs.lineOtherPackage();
        List<Long> resumed = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            int cpu = 8 + j;
            long delay = 200L * (j + 1);
            engine.spawn("spinner" + cpu, () -> {
                engine.sleep(delay);
                model.spinUntilChanged(cpu, line, 0);
                cpus.get(cpu).settle();
                resumed.add(engine.now());
            });
        }
        engine.spawn("writer", () -> {
            engine.sleep(5_000);
            model.store(0, line, 1);
        });
        long[] before = new long[16];
        engine.at(4_000, () -> {
            for (int cpu = 0; cpu < 16; cpu++) {
                before[cpu] = charged(cpu);
            }
        });
        engine.runUntilIdle();

        // The store invalidates six copies (100 ns for the writer); the re-reads it triggers overlap that and
        // follow one another in registration order: spinner j waits for the j reloads ahead of it.
        assertEquals(List.of(5_100L, 5_200L, 5_300L, 5_400L, 5_500L, 5_600L), resumed);
        for (int j = 0; j < 6; j++) {
            assertEquals((j + 1) * far, charged(8 + j) - before[8 + j], "spinner on cpu " + (8 + j));
        }
        assertEquals(far, charged(0) - before[0]);
        assertEquals(15 * far, model.stats().queuedCycles());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aTransferWaitsOnlyForWhatIsLeftOfTheOneUnderWay(EngineKind kind) {
        boot(kind);
        CacheLine line = ownedBy(0);
        engine.spawn("first", () -> {
            engine.sleep(T0);
            model.load(8, line);
        });
        engine.spawn("second", () -> {
            engine.sleep(T0 + 40);
            model.load(4, line);
        });
        engine.spawn("later", () -> {
            engine.sleep(T0 + 1_000);
            model.load(12, line);
        });
        engine.runUntilIdle();

        assertEquals(costs.lineOtherPackage(), charged(8));
        // Requested 120 cycles into cpu 8's 300-cycle transfer; then served from cpu 0, in its package.
        assertEquals(180 + costs.lineSamePackage(), charged(4));
        // The line is idle again: the nearest copy (cpu 8) costs just its transfer.
        assertEquals(costs.lineSamePackage(), charged(12));
        assertEquals(180, model.stats().queuedCycles());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aCpuNeverWaitsForItsOwnEarlierTransfers(EngineKind kind) {
        boot(kind);
        CacheLine line = ownedBy(8);
        engine.spawn("updater", () -> {
            engine.sleep(T0);
            long v = model.load(3, line);
            model.compareAndSet(3, line, v, v + 1);
            model.fetchAdd(3, line, 1);
        });
        engine.runUntilIdle();

        long far = costs.lineOtherPackage();
        assertEquals(far + far + costs.atomicExtra() + costs.lineLocal() + costs.atomicExtra(), charged(3));
        assertEquals(0, model.stats().queuedCycles());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anEngineEventIsNotDelayedButItsTransferStillOccupiesTheLine(EngineKind kind) {
        boot(kind);
        CacheLine line = ownedBy(0);
        engine.spawn("first", () -> {
            engine.sleep(T0);
            model.load(8, line);
        });
        engine.at(T0 + 40, () -> model.load(4, line));
        engine.spawn("third", () -> {
            engine.sleep(T0 + 50);
            model.load(2, line);
        });
        engine.runUntilIdle();

        assertEquals(costs.lineSamePackage(), charged(4));
        // 150 cycles after cpu 8's request the line is booked until 300 + 110: cpu 2 waits 260, then is served from cpu 0 (same L3).
        assertEquals(260 + costs.lineSameL3(), charged(2));
        assertEquals(260, model.stats().queuedCycles());
    }
}
