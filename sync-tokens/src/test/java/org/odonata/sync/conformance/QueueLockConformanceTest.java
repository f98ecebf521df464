package org.odonata.sync.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.cost.CostModel;
import org.odonata.api.memory.CoherenceStats;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.tck.sync.TokenRig;

/** What queueing token implementations (ticket, MCS) add to the common guarantees: FIFO order and its price. */
public abstract class QueueLockConformanceTest extends TokenConformanceTest {

    @Test
    void waitersAreServedInTheOrderTheyArrived() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("mp");
        int[] arrivals = {40, 3, 17, 60, 9, 33, 25, 51, 12, 46};
        List<Integer> served = new ArrayList<>();
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 300_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        for (int i = 0; i < arrivals.length; i++) {
            int cpu = arrivals[i];
            TokenMode mode = i % 3 == 1 ? TokenMode.SHARED : TokenMode.EXCLUSIVE;
            rig.spawn("cpu" + cpu, 1_000 + i * 2_000L, () -> {
                assertTrue(token.acquire(cpu, cpu, mode, TokenRig.FOREVER));
                served.add(cpu);
                rig.work(cpu, 1_000);
                token.release(cpu, cpu, mode);
            });
        }
        rig.runToCompletion();
        assertEquals(List.of(40, 3, 17, 60, 9, 33, 25, 51, 12, 46), served);
    }

    /**
     * The waiter's cost from the release to its return from acquire, in steady state (each CPU has used the
     * token once): it must fetch the line the holder wrote from the other package, once.
     */
    @Test
    void aHandOffAcrossPackagesCostsTheWaiterOneCrossPackageTransfer() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("vm");
        long[] atRelease = new long[1];
        long[] afterAcquire = new long[1];
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            token.release(0, 1, TokenMode.EXCLUSIVE);
            rig.work(0, 10_000);
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 100_000);
            atRelease[0] = rig.cpu(32).cyclesCharged();
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        rig.spawn("waiter", 1_000, () -> {
            assertTrue(token.acquire(32, 2, TokenMode.EXCLUSIVE, TokenRig.FOREVER));
            token.release(32, 2, TokenMode.EXCLUSIVE);
            rig.work(32, 30_000);
            assertTrue(token.acquire(32, 2, TokenMode.EXCLUSIVE, TokenRig.FOREVER));
            afterAcquire[0] = rig.cpu(32).cyclesCharged();
            token.release(32, 2, TokenMode.EXCLUSIVE);
        });
        rig.runToCompletion();
        CostModel c = rig.machine().costs();
        long cost = afterAcquire[0] - atRelease[0];
        assertTrue(cost >= c.lineOtherPackage() && cost <= c.lineOtherPackage() + 2 * c.lineLocal(),
                "hand-off cost the waiter " + cost + " cycles");
    }

    /**
     * Coherence transfers per hand-off while {@code waiters} CPUs from both packages queue behind one holder and
     * then take the token in turn.
     */
    protected static double transfersPerHandOff(TokenRig rig, int waiters) {
        TokenLock token = rig.token("handoff");
        long[] before = new long[1];
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 300_000);
            before[0] = rig.machine().coherence().stats().transfers();
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        for (int i = 0; i < waiters; i++) {
            int cpu = 2 + i * 61 / waiters;
            rig.spawn("waiter" + cpu, 1_000 + i * 1_000L, () -> {
                assertTrue(token.acquire(cpu, cpu, TokenMode.EXCLUSIVE, TokenRig.FOREVER));
                rig.work(cpu, 500);
                token.release(cpu, cpu, TokenMode.EXCLUSIVE);
            });
        }
        rig.runToCompletion();
        CoherenceStats after = rig.machine().coherence().stats();
        return (double) (after.transfers() - before[0]) / waiters;
    }
}
