package org.odonata.sched.lwkt.dfly;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.sched.lwkt.sim.ContractExercise;
import org.odonata.sched.lwkt.sim.Topologies;

class DflyContractTest {

    @Test
    void randomOperationsKeepEveryLwpQueuedExactlyOnceOnALaptop() {
        for (long seed = 1; seed <= 4; seed++) {
            ContractExercise.run(Topologies.laptop4c8t(), seed, 4_000, List.of(DflyScheduler::new));
        }
    }

    @Test
    void randomOperationsKeepEveryLwpQueuedExactlyOnceOnATwoSocketServer() {
        ContractExercise.run(Topologies.server2s32c64t(), 11, 3_000, List.of(DflyScheduler::new));
    }

    @Test
    void randomOperationsKeepEveryLwpQueuedExactlyOnceOnOneCpu() {
        ContractExercise.run(Topologies.uniprocessor(), 5, 3_000, List.of(DflyScheduler::new));
    }
}
