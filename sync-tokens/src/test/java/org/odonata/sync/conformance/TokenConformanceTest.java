package org.odonata.sync.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;

/**
 * What every token implementation guarantees, whatever its acquisition algorithm: run against each of them by a
 * subclass that names its factory.
 */
public abstract class TokenConformanceTest {

    /** The implementation under test. */
    protected abstract TokenAlgorithmFactory factory();

    /** How long, after {@link TokenLock#abandon()}, a waiter may take to give up. */
    protected long abandonLatencyNanos() {
        return 5_000;
    }

    /** Counts holders inside a critical section and remembers any overlap the token should have prevented. */
    protected static final class Occupancy {
        int writers;
        int readers;
        int maxReaders;
        int violations;
        int entries;

        void enter(TokenMode mode) {
            entries++;
            if (mode == TokenMode.EXCLUSIVE) {
                writers++;
            } else {
                readers++;
                maxReaders = Math.max(maxReaders, readers);
            }
            if (writers > 1 || writers == 1 && readers > 0) {
                violations++;
            }
        }

        void leave(TokenMode mode) {
            if (mode == TokenMode.EXCLUSIVE) {
                writers--;
            } else {
                readers--;
            }
        }
    }

    /** 32 CPUs from both packages take one token {@code rounds} times each in modes drawn from the seed. */
    private static Occupancy contend(TokenRig rig, TokenLock token, double sharedShare, int rounds) {
        Occupancy occ = new Occupancy();
        RandomGenerator random = rig.random();
        for (int i = 0; i < 32; i++) {
            int cpu = i * 2;
            long owner = 100 + i;
            TokenMode[] modes = new TokenMode[rounds];
            long[] holds = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                modes[r] = random.nextDouble() < sharedShare ? TokenMode.SHARED : TokenMode.EXCLUSIVE;
                holds[r] = 200 + random.nextInt(2_000);
            }
            rig.spawn("cpu" + cpu, random.nextInt(1_000), () -> {
                for (int r = 0; r < rounds; r++) {
                    rig.lock(token, cpu, owner, modes[r]);
                    occ.enter(modes[r]);
                    rig.work(cpu, holds[r]);
                    occ.leave(modes[r]);
                    token.release(cpu, owner, modes[r]);
                    rig.work(cpu, holds[r] / 2);
                }
            });
        }
        rig.runToCompletion();
        return occ;
    }

    @Test
    void exclusiveHoldersAreMutuallyExclusiveUnderContentionFromManyCpus() {
        TokenRig rig = new TokenRig(factory());
        Occupancy occ = contend(rig, rig.token("mp"), 0, 20);
        assertEquals(0, occ.violations);
        assertEquals(32 * 20, occ.entries);
    }

    @Test
    void exclusiveAndSharedHoldersNeverOverlapInAMixedLoad() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("vm");
        Occupancy occ = contend(rig, token, 0.6, 20);
        assertEquals(0, occ.violations);
        assertEquals(32 * 20, occ.entries);
        assertTrue(occ.maxReaders > 1, "readers never overlapped");
        assertTrue(token.spinCycles() > 0, "contention cost no spin cycles");
    }

    @Test
    void sharedHoldersCoexist() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("vmspace");
        Occupancy occ = new Occupancy();
        for (int i = 0; i < 8; i++) {
            int cpu = i * 8;
            long owner = i;
            rig.spawn("reader" + i, i * 10L, () -> {
                rig.lock(token, cpu, owner, TokenMode.SHARED);
                occ.enter(TokenMode.SHARED);
                rig.work(cpu, 30_000);
                occ.leave(TokenMode.SHARED);
                token.release(cpu, owner, TokenMode.SHARED);
            });
        }
        rig.runToCompletion();
        assertEquals(8, occ.maxReaders);
    }

    @Test
    void anExclusiveHolderKeepsSharedAndExclusiveRequestsOut() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("vnode");
        List<String> seen = new ArrayList<>();
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 300_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        rig.spawn("others", 1_000, () -> {
            seen.add("try-shared " + token.tryAcquire(40, 2, TokenMode.SHARED));
            seen.add("try-exclusive " + token.tryAcquire(40, 2, TokenMode.EXCLUSIVE));
            seen.add("shared " + token.acquire(40, 2, TokenMode.SHARED, 5_000));
            seen.add("exclusive " + token.acquire(40, 2, TokenMode.EXCLUSIVE, 5_000));
            rig.work(40, 600_000);
            seen.add("after release " + token.tryAcquire(40, 2, TokenMode.SHARED));
            token.release(40, 2, TokenMode.SHARED);
        });
        rig.runToCompletion();
        assertEquals(List.of("try-shared false", "try-exclusive false", "shared false", "exclusive false",
                "after release true"), seen);
    }

    @Test
    void theExclusiveOwnerAskingAgainInEitherModeSucceeds() {
        TokenRig rig = new TokenRig(factory());
        TokenLock token = rig.token("mp");
        rig.spawn("owner", 0, () -> {
            assertTrue(token.acquire(3, 7, TokenMode.EXCLUSIVE, 0));
            assertTrue(token.tryAcquire(3, 7, TokenMode.EXCLUSIVE));
            assertTrue(token.tryAcquire(3, 7, TokenMode.SHARED));
            assertTrue(token.acquire(3, 7, TokenMode.EXCLUSIVE, 0));
            assertTrue(token.acquire(3, 7, TokenMode.SHARED, 0));
            assertFalse(token.tryAcquire(5, 8, TokenMode.SHARED));
            token.release(3, 7, TokenMode.SHARED);
            token.release(3, 7, TokenMode.EXCLUSIVE);
            token.release(3, 7, TokenMode.SHARED);
            token.release(3, 7, TokenMode.EXCLUSIVE);
            assertFalse(token.tryAcquire(5, 8, TokenMode.EXCLUSIVE), "the outer hold is still there");
            token.release(3, 7, TokenMode.EXCLUSIVE);
            assertTrue(token.tryAcquire(5, 8, TokenMode.EXCLUSIVE), "every hold was given back");
            token.release(5, 8, TokenMode.EXCLUSIVE);
        });
        rig.runToCompletion();
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

    @Test
    void theSameSeedGivesTheSameRun() {
        String[] runs = new String[2];
        for (int run = 0; run < 2; run++) {
            TokenRig rig = new TokenRig(factory(), 42);
            TokenLock token = rig.token("sigio");
            Occupancy occ = contend(rig, token, 0.5, 10);
            runs[run] = rig.engine().now() + " " + token.spinCycles() + " " + occ.maxReaders + " "
                    + rig.machine().digest();
        }
        assertEquals(runs[0], runs[1]);
    }
}
