package org.odonata.api.sync.kit;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;

/**
 * A token on one lock word, taken by CAS (test-and-set, and with {@link #backOff} test-and-test-and-set with
 * backoff): the simplest lock there is, and the base of the kit's reference tokens. The word's low 32 bits are the
 * holds, a reader count or {@link #EXCLUSIVE} for an exclusive holder; a waiter spins until the word changes
 * (the coherence model's {@code spinUntilChanged}), and its deadline wakes it by adding {@link #WAKE_ONE} above.
 * No order is kept: whoever's CAS lands first wins.
 */
public class WordToken extends TokenBase<TokenWaiter> {

    private static final long HOLDS = 0xFFFF_FFFFL;
    /** The holds of an exclusive holder. */
    public static final long EXCLUSIVE = HOLDS;
    /** What a waiter's deadline adds to the word to wake it. */
    public static final long WAKE_ONE = 1L << 32;

    protected final CacheLine line;

    /** @param lineName the lock word's line, e.g. {@code ttas:vm_token} */
    public WordToken(String name, Machine machine, String lineName) {
        super(name, machine);
        this.line = memory.allocate(lineName, 0, 0);
    }

    /** Whether a request in {@code mode} finds the token free in {@code word}. */
    protected boolean free(long word, TokenMode mode) {
        long holds = word & HOLDS;
        return mode == TokenMode.SHARED ? holds != EXCLUSIVE : holds == 0;
    }

    /**
     * After the {@code failures}-th failed CAS of one request: by default nothing (plain test-and-set); a backoff
     * lock spends cycles here.
     */
    protected void backOff(int cpu, int failures) {
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

    /** Test (spin reading the word until it looks free), then test-and-set; a waiter registers only if it waits. */
    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        TokenWaiter w = null;
        int failures = 0;
        long word = memory.load(cpu, line);
        try {
            while (true) {
                boolean looksFree = free(word, mode);
                if (looksFree && taken(cpu, owner, mode, word)) {
                    return true;
                }
                if (w == null) {
                    w = new TokenWaiter(cpu);
                    startWait(w, spinBudgetNanos);
                }
                if (w.expired()) {
                    return false;
                }
                if (looksFree) {
                    backOff(cpu, ++failures);
                    word = memory.load(cpu, line);
                } else {
                    word = memory.spinUntilChanged(cpu, line, word);
                }
            }
        } finally {
            if (w != null) {
                endWait(w);
            }
        }
    }

    /** The test-and-set: one CAS adding this hold to the word as it was read. */
    protected boolean taken(int cpu, long owner, TokenMode mode, long word) {
        if (!memory.compareAndSet(cpu, line, word, word + (mode == TokenMode.SHARED ? 1 : EXCLUSIVE))) {
            return false;
        }
        if (mode == TokenMode.EXCLUSIVE) {
            own(owner);
        }
        return true;
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
}
