package org.odonata.sync.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
