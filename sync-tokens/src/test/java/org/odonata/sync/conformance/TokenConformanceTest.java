package org.odonata.sync.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.tck.sync.TokenKit;
import org.odonata.tck.sync.TokenRig;

/**
 * What every token implementation guarantees, checked by the token conformance kit, plus two measures of this
 * project's implementations the kit leaves to each (how soon a waiter sees {@code abandon()}, what an uncontended
 * acquire costs): run against each of them by a subclass that names its factory.
 */
public abstract class TokenConformanceTest {

    /** The implementation under test. */
    protected abstract TokenAlgorithmFactory factory();

    /** How long, after {@link TokenLock#abandon()}, a waiter may take to give up. */
    protected long abandonLatencyNanos() {
        return 5_000;
    }

    @Test
    void passesTheTokenConformanceKit() {
        TokenKit.assertConforms(factory());
    }

    @Test
    void abandonMakesEveryWaiterGiveUpPromptly() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("tty");
        long abandonAt = 60_000;
        List<Long> gaveUpAt = new ArrayList<>();
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 3_000_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        for (int i = 0; i < 8; i++) {
            int cpu = 4 + i * 7;
            long owner = 20 + i;
            TokenMode mode = i % 4 == 0 ? TokenMode.SHARED : TokenMode.EXCLUSIVE;
            rig.spawn("waiter" + i, 1_000 + i * 3_000L, () -> {
                boolean won = token.acquire(cpu, owner, mode, 1_000_000_000L);
                if (!won || mode == TokenMode.EXCLUSIVE) {
                    assertFalse(won);
                    gaveUpAt.add(rig.engine().now());
                }
            });
        }
        rig.engine().at(abandonAt, token::abandon);
        rig.spawn("after", 1_100_000, () -> {
            assertTrue(token.acquire(50, 77, TokenMode.EXCLUSIVE, 0), "the abandoned waiters left no trace");
            token.release(50, 77, TokenMode.EXCLUSIVE);
        });
        rig.runToCompletion();
        assertFalse(gaveUpAt.isEmpty());
        for (long t : gaveUpAt) {
            assertTrue(t <= abandonAt + abandonLatencyNanos(), "a waiter gave up only at " + t);
        }
    }

    @Test
    void anUncontendedAcquireAndReleaseCostsAFewLocalAtomics() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("kvm");
        long[] cost = new long[1];
        rig.spawn("alone", 0, () -> {
            token.acquire(5, 1, TokenMode.EXCLUSIVE, 0);
            token.release(5, 1, TokenMode.EXCLUSIVE);
            long before = rig.cpu(5).cyclesCharged();
            token.acquire(5, 1, TokenMode.EXCLUSIVE, 0);
            token.release(5, 1, TokenMode.EXCLUSIVE);
            cost[0] = rig.cpu(5).cyclesCharged() - before;
        });
        rig.runToCompletion();
        long atomic = rig.machine().costs().lineLocal() + rig.machine().costs().atomicExtra();
        assertTrue(cost[0] >= atomic && cost[0] <= 4 * atomic, "uncontended acquire+release cost " + cost[0]);
        assertEquals(0, token.spinCycles());
    }
}
