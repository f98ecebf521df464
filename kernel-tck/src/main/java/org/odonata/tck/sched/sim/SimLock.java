package org.odonata.tck.sched.sim;

import org.odonata.api.sched.SchedLock;

/**
 * A scheduler spinlock for {@link SimCore}, which has no memory model: it costs nothing, counts acquisitions, and
 * throws when taken while held (one simulated CPU runs scheduler code at a time, so that is a nesting bug).
 */
public final class SimLock implements SchedLock {

    private final String name;
    private boolean held;
    private long acquisitions;

    SimLock(String name) {
        this.name = name;
    }

    @Override
    public void lock() {
        if (held) {
            throw new IllegalStateException(name + " taken while held");
        }
        held = true;
        acquisitions++;
    }

    @Override
    public boolean tryLock() {
        if (held) {
            throw new IllegalStateException(name + " tried while held by the same code");
        }
        lock();
        return true;
    }

    @Override
    public void unlock() {
        if (!held) {
            throw new IllegalStateException(name + " released but not held");
        }
        held = false;
    }

    public String name() {
        return name;
    }

    public long acquisitions() {
        return acquisitions;
    }
}
