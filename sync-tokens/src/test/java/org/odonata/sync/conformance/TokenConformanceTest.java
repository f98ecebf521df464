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
import org.odonata.tck.Platform;
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

    /**
     * What the kit runs on: machines from the class path; a subclass whose build has a kernel passes one, and the
     * kernel-level properties are checked too (LWKT tokens' own build cannot: the kernel's tests use them).
     */
    protected Platform platform() {
        return Platform.fromClassPath();
    }

    @Test
    void passesTheTokenConformanceKit() {
        TokenKit.assertConforms(factory(), platform());
    }

    @Test
    void abandonMakesEveryWaiterGiveUpWithinThisImplementationsBound() {
        long latency = TokenKit.abandonLatencyNanos(new TokenRig(factory()));
        assertTrue(latency <= abandonLatencyNanos(), "the last waiter gave up " + latency + " ns after abandon()");
    }

    /**
     * Whether an exclusive request that gave up leaves a request mark that holds off later lone shared requests until
     * an exclusive acquisition clears it, as DragonFly's EXCLREQ does; false for algorithms that leave nothing.
     */
    protected boolean exclusiveRequestOutlivesGiveUp() {
        return false;
    }

    @Test
    void requestsThatGiveUpLeaveNoHoldSoLaterRequestsSucceed() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("dev");
        List<Boolean> gaveUp = new ArrayList<>();
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 200_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        for (int i = 0; i < 6; i++) {
            int cpu = 10 + i * 9;
            long owner = 10 + i;
            TokenMode mode = i % 3 == 0 ? TokenMode.SHARED : TokenMode.EXCLUSIVE;
            rig.spawn("quitter" + i, 500 + i * 700L,
                    () -> gaveUp.add(!token.acquire(cpu, owner, mode, 3_000 + owner * 500)));
        }
        rig.spawn("latecomer", 100_000, () -> {
            if (exclusiveRequestOutlivesGiveUp()) {
                assertFalse(token.acquire(63, 99, TokenMode.SHARED, 0), "a lone shared request waits for EXCLREQ");
            } else {
                assertTrue(token.acquire(63, 99, TokenMode.SHARED, 0), "shared right after the holder left");
                token.release(63, 99, TokenMode.SHARED);
            }
            assertTrue(token.tryAcquire(63, 99, TokenMode.EXCLUSIVE), "exclusive right after the holder left");
            token.release(63, 99, TokenMode.EXCLUSIVE);
            assertTrue(token.acquire(63, 99, TokenMode.SHARED, 0), "shared once an exclusive acquisition came and went");
            token.release(63, 99, TokenMode.SHARED);
        });
        rig.runToCompletion();
        assertEquals(List.of(true, true, true, true, true, true), gaveUp);
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
