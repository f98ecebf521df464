package org.odonata.hw.x86.coherence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.CoherenceStats;
import org.odonata.api.memory.LineState;
import org.odonata.api.topology.Topology;
import org.odonata.hw.x86.cpu.SimCpu;
import org.odonata.hw.x86.engine.Engines;
import org.odonata.hw.x86.testing.TestMachines;

/** The model used outside a simulation: no simulated thread runs, so nothing parks or sleeps. */
class CoherenceModelTest {

    private final CostModel costs = CostModel.defaults();
    private final Topology topology = TestMachines.sixteen();
    private final Engine engine = Engines.create(EngineKind.VIRTUAL_THREAD, 1L);
    private final List<SimCpu> cpus = TestMachines.cpus(engine, topology, costs);
    private final CoherenceModel model = new CoherenceModel(engine, topology, costs, cpus);

    private long charged(int cpu) {
        return cpus.get(cpu).cyclesCharged();
    }

    @ParameterizedTest(name = "cpu 0 <-> cpu {0} costs {1}")
    @CsvSource({"1, lineSmtSibling", "2, lineSameL3", "4, lineSamePackage", "8, lineOtherPackage"})
    void storePingPongCostsTheCrossCoreLatencyPerTransfer(int other, String costName) {
        long latency = costs.asMap().get(costName);
        CacheLine line = model.allocate("pingpong", 0, 0);
        model.store(0, line, 1);
        long before0 = charged(0);
        long beforeOther = charged(other);
        for (int i = 0; i < 10; i++) {
            model.store(other, line, 2 * i);
            model.store(0, line, 2 * i + 1);
        }
        assertEquals(10 * latency, charged(0) - before0);
        assertEquals(10 * latency, charged(other) - beforeOther);
        assertEquals(20, model.stats().transfers());
        assertEquals(20, model.stats().invalidations());
    }

    @Test
    void aColdLineCostsAMemoryReadAndIsThenOwnedExclusively() {
        CacheLine line = model.allocate("cold", 1, 7);
        assertEquals(7, model.load(3, line));
        assertEquals(costs.lineMemory(), charged(3));
        assertEquals(LineState.MODIFIED, line.stateAt(3));
        model.store(3, line, 8);
        assertEquals(costs.lineMemory() + costs.lineLocal(), charged(3));
        assertEquals(1, model.stats().memoryReads());
    }

    @Test
    void readSharedLineCostsEachReaderOneMissThenLineLocal() {
        CacheLine line = model.allocate("shared", 0, 42);
        model.store(0, line, 43);
        long[] before = cpus.stream().mapToLong(SimCpu::cyclesCharged).toArray();
        model.load(1, line);
        model.load(8, line);
        for (int round = 0; round < 5; round++) {
            for (int cpu : new int[] {0, 1, 8}) {
                assertEquals(43, model.load(cpu, line));
            }
        }
        assertEquals(5 * costs.lineLocal(), charged(0) - before[0]);
        assertEquals(costs.lineSmtSibling() + 5 * costs.lineLocal(), charged(1) - before[1]);
        // The nearest copy serves the second reader: cpu 0 and 1 are both in the other package.
        assertEquals(costs.lineOtherPackage() + 5 * costs.lineLocal(), charged(8) - before[8]);
        assertEquals(LineState.SHARED, line.stateAt(0));
        assertEquals(LineState.SHARED, line.stateAt(8));
        assertEquals(LineState.INVALID, line.stateAt(2));
    }

    @Test
    void aLoadIsServedByTheNearestSharer() {
        CacheLine line = model.allocate("nearest", 0, 0);
        model.store(8, line, 1);
        model.load(0, line);
        long before = charged(1);
        model.load(1, line);
        assertEquals(costs.lineSmtSibling(), charged(1) - before);
    }

    @Test
    void aStoreToASharedLineInvalidatesEveryOtherCopyAndWaitsForTheFarthest() {
        CacheLine line = model.allocate("inval", 0, 0);
        model.store(0, line, 1);
        model.load(1, line);
        model.load(2, line);
        model.load(9, line);
        long invalidationsBefore = model.stats().invalidations();
        long before = charged(1);
        model.store(1, line, 2);
        assertEquals(costs.lineOtherPackage(), charged(1) - before);
        assertEquals(3, model.stats().invalidations() - invalidationsBefore);
        assertEquals(LineState.MODIFIED, line.stateAt(1));
        for (int cpu : new int[] {0, 2, 9}) {
            assertEquals(LineState.INVALID, line.stateAt(cpu));
        }
    }

    @Test
    void anAtomicOnAnOwnedLineCostsLineLocalPlusAtomicExtra() {
        CacheLine line = model.allocate("counter", 0, 0);
        model.store(5, line, 0);
        long before = charged(5);
        assertEquals(0, model.fetchAdd(5, line, 3));
        assertEquals(3, model.exchange(5, line, 10));
        assertTrue(model.compareAndSet(5, line, 10, 11));
        assertEquals(3 * (costs.lineLocal() + costs.atomicExtra()), charged(5) - before);
        assertEquals(11, line.peek());
    }

    @Test
    void anAtomicOnARemoteLinePaysTheTransferPlusAtomicExtra() {
        CacheLine line = model.allocate("remote", 0, 0);
        model.store(0, line, 0);
        long before = charged(4);
        model.fetchAdd(4, line, 1);
        assertEquals(costs.lineSamePackage() + costs.atomicExtra(), charged(4) - before);
    }

    @Test
    void aFailedCasLeavesTheValueButStillTakesTheLineExclusive() {
        CacheLine line = model.allocate("cas", 0, 5);
        model.load(0, line);
        model.load(2, line);
        long before = charged(2);
        long invalidationsBefore = model.stats().invalidations();
        assertFalse(model.compareAndSet(2, line, 4, 9));
        assertEquals(5, line.peek());
        assertEquals(costs.lineSameL3() + costs.atomicExtra(), charged(2) - before);
        assertEquals(LineState.MODIFIED, line.stateAt(2));
        assertEquals(LineState.INVALID, line.stateAt(0));
        assertEquals(1, model.stats().invalidations() - invalidationsBefore);
    }

    @Test
    void statsCountEveryOperationAndTheCyclesCharged() {
        CacheLine line = model.allocate("stats", 0, 0);
        model.load(0, line);
        model.load(0, line);
        model.store(8, line, 1);
        CoherenceStats s = model.stats();
        assertEquals(3, s.operations());
        assertEquals(1, s.hits());
        assertEquals(1, s.memoryReads());
        assertEquals(1, s.transfers());
        assertEquals(1, s.invalidations());
        assertEquals(cpus.stream().mapToLong(SimCpu::cyclesCharged).sum(), s.cycles());
        assertEquals(0, s.spinWaits());
    }

    @Test
    void spinningOnAChangedLineIsALoad() {
        CacheLine line = model.allocate("spin", 0, 3);
        model.store(8, line, 4);
        assertEquals(4, model.spinUntilChanged(0, line, 3));
        assertEquals(costs.lineOtherPackage(), charged(0));
        assertEquals(0, model.stats().spinWaits());
    }

    @Test
    void spinningOutsideASimulatedThreadOnAnUnchangedLineFails() {
        CacheLine line = model.allocate("spin", 0, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.spinUntilChanged(0, line, 3));
        assertTrue(e.getMessage().contains("spin"), e.getMessage());
    }

    @Test
    void linesOfAnotherModelAreRejected() {
        CoherenceModel other = new CoherenceModel(engine, topology, costs, cpus);
        CacheLine foreign = other.allocate("foreign", 0, 0);
        assertThrows(IllegalArgumentException.class, () -> model.load(0, foreign));
        assertThrows(IllegalArgumentException.class, () -> model.allocate("badnode", 2, 0));
    }
}
