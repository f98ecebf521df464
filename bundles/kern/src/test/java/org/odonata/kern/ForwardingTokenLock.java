package org.odonata.kern;

import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;

/** A token lock that passes every call on to {@code lock}: a test overrides only the calls it changes. */
class ForwardingTokenLock implements TokenLock {

    protected final TokenLock lock;

    ForwardingTokenLock(TokenLock lock) {
        this.lock = lock;
    }

    @Override
    public String name() {
        return lock.name();
    }

    @Override
    public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
        return lock.tryAcquire(cpu, owner, mode);
    }

    @Override
    public boolean acquire(int cpu, long owner, TokenMode mode, long budget) {
        return lock.acquire(cpu, owner, mode, budget);
    }

    @Override
    public void release(int cpu, long owner, TokenMode mode) {
        lock.release(cpu, owner, mode);
    }

    @Override
    public long spinCycles() {
        return lock.spinCycles();
    }

    @Override
    public void abandon() {
        lock.abandon();
    }
}
