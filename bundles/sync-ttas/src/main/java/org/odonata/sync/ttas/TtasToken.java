package org.odonata.sync.ttas;

import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.TokenBase;
import org.odonata.api.sync.kit.TokenWaiter;

/**
 * A token as a test-and-test-and-set lock with randomized exponential backoff (Anderson 1990; Herlihy and Shavit,
 * <i>The Art of Multiprocessor Programming</i>, §7.4 {@code BackoffLock}), written with the token kit. A waiter
 * spins reading its cached copy of the word until the lock looks free (the test), then tries a CAS (the
 * test-and-set); a failed CAS means another CPU got there first, so it backs off for a random number of cycles
 * below a limit that doubles with each failure, from {@link #MIN_BACKOFF} to {@link #MAX_BACKOFF}, drawn from the
 * implementation's seeded stream. No order is kept: the CPU nearest the releaser tends to win. The word's low 32
 * bits are the holds (a reader count, or all ones for an exclusive holder); a waiter's deadline wakes it by adding
 * to the bits above.
 */
final class TtasToken extends TokenBase<TokenWaiter> {

    static final long MIN_BACKOFF = 64;
    static final long MAX_BACKOFF = 8_192;
    private static final long HOLDS = 0xFFFF_FFFFL;
    private static final long EXCLUSIVE = HOLDS;
    private static final long WAKE_ONE = 1L << 32;

    private final CacheLine line;
    private final RandomGenerator random;

    TtasToken(String name, Machine machine, RandomGenerator random) {
        super(name, machine);
        this.line = memory.allocate("ttas:" + name, 0, 0);
        this.random = random;
    }

    @Override
    protected void recheck(int cpu) {
        memory.load(cpu, line);
    }

    @Override
    protected boolean tryTake(int cpu, long owner, TokenMode mode) {
        long word = memory.load(cpu, line);
        return free(word, mode) && taken(cpu, owner, mode, word);
    }

    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        TokenWaiter w = new TokenWaiter(cpu);
        startWait(w, spinBudgetNanos);
        try {
            long limit = MIN_BACKOFF;
            long word = memory.load(cpu, line);
            while (!w.expired()) {
                if (!free(word, mode)) {
                    word = memory.spinUntilChanged(cpu, line, word);
                    continue;
                }
                if (taken(cpu, owner, mode, word)) {
                    return true;
                }
                machine.cpu(cpu).consume(1 + random.nextLong(limit));
                limit = Math.min(2 * limit, MAX_BACKOFF);
                word = memory.load(cpu, line);
            }
            return false;
        } finally {
            endWait(w);
        }
    }

    @Override
    protected void releaseExclusive(int cpu) {
        memory.fetchAdd(cpu, line, -EXCLUSIVE);
    }

    @Override
    protected boolean releaseShared(int cpu, long owner) {
        long holds = memory.fetchAdd(cpu, line, -1) & HOLDS;
        return holds != 0 && holds != EXCLUSIVE;
    }

    @Override
    protected void wake(TokenWaiter w) {
        memory.fetchAdd(w.cpu, line, WAKE_ONE);
    }

    private static boolean free(long word, TokenMode mode) {
        long holds = word & HOLDS;
        return mode == TokenMode.SHARED ? holds != EXCLUSIVE : holds == 0;
    }

    /** The test-and-set: one CAS adding this hold to the word as it was read. */
    private boolean taken(int cpu, long owner, TokenMode mode, long word) {
        if (!memory.compareAndSet(cpu, line, word, word + (mode == TokenMode.SHARED ? 1 : EXCLUSIVE))) {
            return false;
        }
        if (mode == TokenMode.EXCLUSIVE) {
            own(owner);
        }
        return true;
    }
}
