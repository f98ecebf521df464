package org.odonata.sync.giant;

import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.WordToken;

/**
 * A token that is only a name for the machine's giant lock, an exclusive, recursive test-and-set lock on one line
 * (the token kit's {@link WordToken}; DragonFly's old MP lock, {@code get_mplock}, counted per owner): every hold,
 * shared or exclusive, is an exclusive hold of the giant lock, so a thread holding several tokens holds it
 * recursively and no two threads ever hold tokens at once. Spinning is counted for the token whose request spun.
 */
final class GiantToken implements TokenLock {

    private final String name;
    private final WordToken giant;
    private long spinCycles;

    GiantToken(String name, WordToken giant) {
        this.name = name;
        this.giant = giant;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
        return giant.tryAcquire(cpu, owner, TokenMode.EXCLUSIVE);
    }

    @Override
    public boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        long before = giant.spinCycles();
        try {
            return giant.acquire(cpu, owner, TokenMode.EXCLUSIVE, spinBudgetNanos);
        } finally {
            spinCycles += giant.spinCycles() - before;
        }
    }

    @Override
    public void release(int cpu, long owner, TokenMode mode) {
        giant.release(cpu, owner, TokenMode.EXCLUSIVE);
    }

    @Override
    public long spinCycles() {
        return spinCycles;
    }

    /** Abandons every request in progress on the giant lock (a swap abandons all tokens at once). */
    @Override
    public void abandon() {
        giant.abandon();
    }
}
