package org.odonata.sync.giant;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.TokenBase;
import org.odonata.api.sync.kit.TokenWaiter;

/**
 * The one lock behind every token: an exclusive, recursive test-and-set lock on one line (DragonFly's old MP lock,
 * {@code get_mplock}, counted per owner), written with the token kit. Its word is 0 when free, 1 when held, plus a
 * wake-up counter above; a waiter spins until the word changes, then tries the CAS again.
 */
final class GiantLock extends TokenBase<TokenWaiter> {

    private static final long HELD = 1;
    private static final long WAKE_ONE = 2;

    private final CacheLine line;

    GiantLock(Machine machine) {
        super("giant", machine);
        this.line = memory.allocate("giant", 0, 0);
    }

    @Override
    protected void recheck(int cpu) {
        memory.load(cpu, line);
    }

    @Override
    protected boolean tryTake(int cpu, long owner, TokenMode mode) {
        long word = memory.load(cpu, line);
        return (word & HELD) == 0 && taken(cpu, owner, word);
    }

    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        TokenWaiter w = new TokenWaiter(cpu);
        startWait(w, spinBudgetNanos);
        try {
            long word = memory.load(cpu, line);
            while (!w.expired()) {
                if ((word & HELD) == 0) {
                    if (taken(cpu, owner, word)) {
                        return true;
                    }
                    word = memory.load(cpu, line);
                } else {
                    word = memory.spinUntilChanged(cpu, line, word);
                }
            }
            return false;
        } finally {
            endWait(w);
        }
    }

    private boolean taken(int cpu, long owner, long word) {
        if (!memory.compareAndSet(cpu, line, word, word | HELD)) {
            return false;
        }
        own(owner);
        return true;
    }

    @Override
    protected void releaseExclusive(int cpu) {
        memory.fetchAdd(cpu, line, -HELD);
    }

    /** Never called: every hold of the giant lock is exclusive. */
    @Override
    protected boolean releaseShared(int cpu, long owner) {
        return false;
    }

    @Override
    protected void wake(TokenWaiter w) {
        memory.fetchAdd(w.cpu, line, WAKE_ONE);
    }
}
