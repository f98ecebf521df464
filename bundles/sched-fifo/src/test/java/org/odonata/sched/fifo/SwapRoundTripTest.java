package org.odonata.sched.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.sched.lwkt.bsd4.Bsd4Factory;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.tck.sched.sim.ContractExercise;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;

/** Live swaps between every pair of the three schedulers keep every LWP, queued exactly once, and running. */
class SwapRoundTripTest {

    private static final Map<String, Supplier<UserScheduler>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("dfly", new DflyFactory()::create);
        KINDS.put("bsd4", new Bsd4Factory()::create);
        KINDS.put("fifo", new FifoFactory()::create);
    }

    @Test
    void exportImportRoundTripsBetweenEveryPairKeepTheSetOfLwps() {
        for (var from : KINDS.entrySet()) {
            for (var to : KINDS.entrySet()) {
                SimCore core = new SimCore(Topologies.laptop4c8t(), from.getValue().get(), 3);
                for (int i = 0; i < 20; i++) {
                    core.spawn("w" + i, i % 7 - 3, i % 9 == 0 ? SchedClass.IDLE : SchedClass.NORMAL,
                            i % 2 == 0 ? 0 : 3_000_000L, 5_000_000L, i % 8);
                }
                core.run(700_000_000L);
                String pair = from.getKey() + "->" + to.getKey();
                Set<SchedThread> before = queuedSet(core);
                List<SchedThread> there = core.swap(to.getValue().get());
                assertEquals(before, identitySet(there), pair);
                core.run(300_000_000L);
                Set<SchedThread> middle = queuedSet(core);
                List<SchedThread> back = core.swap(from.getValue().get());
                assertEquals(middle, identitySet(back), pair + " and back");
                core.run(2_000_000_000L);
                core.checkInvariants();
                for (SimLwp t : core.lwps()) {
                    // idle-class LWPs may rightly starve behind normal ones under dfly and bsd4
                    assertTrue(t.schedClass() == SchedClass.IDLE || t.runtimeNanos() > 0, pair + ": " + t
                            + " never ran");
                }
            }
        }
    }

    @Test
    void randomSwapsAmongAllThreeUnderLoadConserveLwps() {
        List<Supplier<UserScheduler>> kinds = List.copyOf(KINDS.values());
        for (long seed = 1; seed <= 3; seed++) {
            ContractExercise.run(Topologies.laptop4c8t(), seed, 5_000, kinds);
        }
        ContractExercise.run(Topologies.server2s32c64t(), 21, 1_500, kinds);
    }

    @Test
    void factoriesAreNamedAndGiveEachMachineItsOwnInstance() {
        assertEquals("dfly", new DflyFactory().name());
        assertEquals("bsd4", new Bsd4Factory().name());
        assertEquals("fifo", new FifoFactory().name());
        var f = new FifoFactory();
        assertTrue(f.create() != f.create());
    }

    private static Set<SchedThread> queuedSet(SimCore core) {
        Set<SchedThread> set = identitySet(List.of());
        for (SimLwp t : core.lwps()) {
            if (core.isQueued(t)) {
                set.add(t);
            }
        }
        return set;
    }

    private static Set<SchedThread> identitySet(List<SchedThread> list) {
        Set<SchedThread> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(list);
        return set;
    }
}
