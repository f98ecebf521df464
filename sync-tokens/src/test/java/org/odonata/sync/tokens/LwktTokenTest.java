package org.odonata.sync.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.cost.CostModel;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.sync.conformance.TokenConformanceTest;
import org.odonata.tck.sync.TokenRig;

class LwktTokenTest extends TokenConformanceTest {

    @Override
    protected TokenAlgorithmFactory factory() {
        return new LwktTokenFactory();
    }

    /** A waiter notices only after its current backoff, at most token_backoff_max pauses. */
    @Override
    protected long abandonLatencyNanos() {
        return CostModel.defaults().nanos(LwktToken.BACKOFF_MAX * CpuPause.PAUSE_CYCLES) + 5_000;
    }

    /** DragonFly's EXCLREQ: only a successful exclusive CAS clears it ({@code _lwkt_trytokref}). */
    @Override
    protected boolean exclusiveRequestOutlivesGiveUp() {
        return true;
    }

    @Test
    void theFactoryIsNamedLwkt() {
        assertEquals("lwkt", factory().name());
    }

    @Test
    void aSpinningExclusiveRequestSetsExclreqWhichKeepsBlockingSharedRequestsOutButNotTrytoken() {
        TokenRig rig = new TokenRig(factory());
        LwktToken token = (LwktToken) rig.token("vm");
        List<String> seen = new ArrayList<>();
        rig.spawn("sharer", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.SHARED));
            rig.work(0, 150_000);
            token.release(0, 1, TokenMode.SHARED);
        });
        rig.spawn("writer", 1_000, () -> seen.add("writer " + token.acquire(33, 2, TokenMode.EXCLUSIVE, 1_000_000)));
        rig.spawn("reader", 5_000, () -> {
            seen.add("exclreq " + TokenCount.exclusiveRequested(tokenCount(token)));
            seen.add("blocking shared " + token.acquire(40, 3, TokenMode.SHARED, 1_000_000));
            seen.add("trytoken shared " + token.tryAcquire(40, 3, TokenMode.SHARED));
            token.release(40, 3, TokenMode.SHARED);
        });
        rig.runToCompletion();
        assertEquals(List.of("exclreq true", "blocking shared false", "trytoken shared true", "writer true"), seen);
        assertFalse(TokenCount.exclusiveRequested(tokenCount(token)), "the winner clears EXCLREQ");
    }

    /**
     * {@code _lwkt_trytokref_spin}: 19 rounds growing ×1.5 from 1 to 5392 PAUSEs (16,129 in all), then the request
     * gives up, leaving EXCLREQ set, which only the next exclusive acquisition clears (no withdrawal on give-up).
     */
    @Test
    void theBoundedSpinIsDragonFlysNineteenBackoffRoundsAndLeavesExclreqWhenItGivesUp() {
        TokenRig rig = new TokenRig(factory());
        LwktToken token = (LwktToken) rig.token("vm");
        long[] spent = new long[2];
        boolean[] got = new boolean[1];
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 3_000_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        rig.spawn("waiter", 1_000, () -> {
            long ops = rig.machine().coherence().stats().operations();
            long start = rig.engine().now();
            got[0] = token.acquire(32, 2, TokenMode.EXCLUSIVE, TokenLock.BOUNDED_SPIN);
            spent[0] = rig.machine().coherence().stats().operations() - ops;
            spent[1] = rig.engine().now() - start;
        });
        rig.runToCompletion();
        assertFalse(got[0], "a holder for 3 ms outlasts the bounded spin");
        long pauses = CostModel.defaults().nanos(TokenLock.BOUNDED_SPIN_PAUSES * CpuPause.PAUSE_CYCLES);
        // TSC windows skip some rounds' pauses (1 CPU in 64 at a time): the spin is at most the full bound
        assertTrue(spent[1] <= pauses + 20_000 && spent[1] > pauses / 2, "spun " + spent[1] + " ns of " + pauses);
        assertTrue(spent[0] <= 3 * 21, "one load and CAS per round: " + spent[0] + " memory operations");
        assertTrue(TokenCount.exclusiveRequested(tokenCount(token)), "EXCLREQ stays set after the give-up");
        assertEquals(752, CostModel.defaults().nanos(TokenLock.BOUNDED_SPIN_PAUSES * CpuPause.PAUSE_CYCLES) / 1_000);
    }

    /**
     * {@code _lwkt_trytokref}: a pending EXCLREQ holds off a blocking shared request only when the requester holds no
     * other token ({@code td_toks_stop == &td_toks_base + 1}); one holding another token gets in.
     */
    @Test
    void exclreqHoldsOffASharedRequestOnlyWhenItIsTheRequestersOnlyToken() {
        TokenRig rig = new TokenRig(factory());
        LwktToken token = (LwktToken) rig.token("vm");
        List<String> seen = new ArrayList<>();
        rig.spawn("sharer", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.SHARED));
            rig.work(0, 50_000);
            token.release(0, 1, TokenMode.SHARED);
        });
        rig.spawn("writer", 1_000, () -> seen.add("one attempt " + token.acquire(33, 2, TokenMode.EXCLUSIVE, 0)));
        rig.spawn("reader", 5_000, () -> {
            seen.add("exclreq " + TokenCount.exclusiveRequested(tokenCount(token)));
            seen.add("only token " + token.acquire(40, 3, TokenMode.SHARED, TokenLock.BOUNDED_SPIN, 1));
            seen.add("with another " + token.acquire(40, 3, TokenMode.SHARED, TokenLock.BOUNDED_SPIN, 2));
            token.release(40, 3, TokenMode.SHARED);
        });
        rig.runToCompletion();
        assertEquals(List.of("one attempt false", "exclreq true", "only token false", "with another true"), seen);
    }

    @Test
    void exclusiveRetriesBackOffExponentiallySoAWaiterRetriesOnlyAFewDozenTimes() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("mp");
        long[] spent = new long[2];
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 3_000_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        rig.spawn("waiter", 1_000, () -> {
            long ops = rig.machine().coherence().stats().operations();
            long start = rig.engine().now();
            assertTrue(token.acquire(32, 2, TokenMode.EXCLUSIVE, TokenRig.FOREVER));
            spent[0] = rig.machine().coherence().stats().operations() - ops;
            spent[1] = rig.engine().now() - start;
        });
        rig.runToCompletion();
        // About 1 ms of waiting: backoff 1, 3, 6 … capped at 4096 pauses of 140 cycles takes ~25 retries.
        assertTrue(spent[0] < 3 * 40, "retried with " + spent[0] + " memory operations");
        assertTrue(spent[1] >= 999_000 && spent[1] < 999_000 + 200_000, "waited " + spent[1] + " ns");
        assertTrue(token.spinCycles() > 2_900_000, "spin cycles " + token.spinCycles());
    }

    @Test
    void anUncontendedExclusiveAcquireIsALoadAndACasAndTheReleaseOneAtomic() {
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
        CostModel c = rig.machine().costs();
        assertEquals(3 * c.lineLocal() + 2 * c.atomicExtra(), cost[0]);
    }

    private static long tokenCount(LwktToken token) {
        String s = token.toString();
        return Long.parseLong(s.substring(s.lastIndexOf(' ') + 1), 16);
    }
}
