package org.odonata.api.sync.kit;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.engine.Engine;
import org.odonata.api.machine.Machine;
import org.odonata.api.memory.Coherence;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;

/**
 * The part of a {@link TokenLock} every algorithm shares, so a subclass writes only how a CPU takes and passes the
 * token. It keeps the exclusive owner and its recursive holds (an exclusive owner asking again, in either mode,
 * succeeds at the price of {@link #recheck}); checks releases (an exclusive release by a non-owner, a shared release
 * by the exclusive owner or by nobody, all throw); and registers waits ({@link #startWait}/{@link #endWait}), each
 * with its deadline, which {@link #abandon()} and the budget end by {@link #wake waking} the waiter. The owner and
 * the recursion count sit beside the lock word in a real lock, read only by the owner, so they are not priced.
 * Waiting is parked virtual time, counted in {@link #spinCycles()} at the machine's clock.
 *
 * @param <W> the algorithm's waiter
 */
public abstract class TokenBase<W extends TokenWaiter> implements TokenLock {

    private final String name;
    protected final Machine machine;
    protected final Engine engine;
    protected final Coherence memory;
    private final double cyclesPerNano;

    private long owner;
    private boolean owned;
    private int recursion;
    /** Simulator bookkeeping: the acquires in progress, for {@link #abandon()}. */
    private final List<W> waiting = new ArrayList<>();
    private long spinCycles;

    protected TokenBase(String name, Machine machine) {
        this.name = name;
        this.machine = machine;
        this.engine = machine.engine();
        this.memory = machine.coherence();
        this.cyclesPerNano = machine.costs().frequencyHz() / 1e9;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean tryAcquire(int cpu, long owner, TokenMode mode) {
        if (ownedBy(owner)) {
            recheck(cpu);
            recursion++;
            return true;
        }
        return tryTake(cpu, owner, mode);
    }

    @Override
    public final boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        if (ownedBy(owner)) {
            recheck(cpu);
            recursion++;
            return true;
        }
        return take(cpu, owner, mode, spinBudgetNanos);
    }

    @Override
    public final void release(int cpu, long owner, TokenMode mode) {
        if (ownedBy(owner)) {
            if (recursion > 0) {
                recursion--;
                return;
            }
            if (mode != TokenMode.EXCLUSIVE) {
                throw new IllegalStateException(name + ": owner " + owner + " releases a shared hold but holds the "
                        + "token exclusively");
            }
            owned = false;
            releaseExclusive(cpu);
            return;
        }
        if (mode == TokenMode.EXCLUSIVE) {
            throw new IllegalStateException(name + ": owner " + owner + " releases an exclusive hold it does not have");
        }
        if (!releaseShared(cpu, owner)) {
            throw new IllegalStateException(name + ": owner " + owner + " releases a shared hold nobody has");
        }
    }

    @Override
    public final long spinCycles() {
        return spinCycles;
    }

    /** Expires every wait in progress: each waiter is woken and gives up. */
    @Override
    public final void abandon() {
        for (W w : List.copyOf(waiting)) {
            expire(w);
        }
    }

    // ---- what the algorithm writes ---------------------------------------------------------------------------

    /** What the exclusive owner pays to see it already holds the token: typically a load of the lock word. */
    protected abstract void recheck(int cpu);

    /** One attempt by a non-owner, never waiting ({@link TokenLock#tryAcquire}); call {@link #own} on success. */
    protected abstract boolean tryTake(int cpu, long owner, TokenMode mode);

    /** An acquire by a non-owner within the budget ({@link TokenLock#acquire}); call {@link #own} on success. */
    protected abstract boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos);

    /** The exclusive owner's last hold is released: pass the token on. */
    protected abstract void releaseExclusive(int cpu);

    /** Drops one shared hold; false when there was none to drop. */
    protected abstract boolean releaseShared(int cpu, long owner);

    /** Wakes an expired waiter so it looks at {@link TokenWaiter#expired()}: a write to the line it spins on. */
    protected abstract void wake(W w);

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** {@code owner} now holds the token exclusively. */
    protected final void own(long owner) {
        this.owner = owner;
        this.owned = true;
    }

    protected final boolean ownedBy(long owner) {
        return owned && this.owner == owner;
    }

    /**
     * {@code w} starts waiting: registered for {@link #abandon()}, with a deadline {@code budgetNanos} from now
     * (none when unlimited) at which it is expired and woken.
     */
    protected final void startWait(W w, long budgetNanos) {
        w.start = engine.now();
        waiting.add(w);
        if (budgetNanos < Long.MAX_VALUE - engine.now()) {
            w.deadline = engine.after(budgetNanos, () -> expire(w));
        }
    }

    /** {@code w} stops waiting (granted or given up): unregistered, its deadline cancelled, its time counted. */
    protected final void endWait(W w) {
        waiting.remove(w);
        if (w.deadline != null) {
            w.deadline.cancel();
            w.deadline = null;
        }
        spinCycles += (long) ((engine.now() - w.start) * cyclesPerNano);
    }

    /** Marks {@code w} expired and wakes it, once. */
    protected final void expire(W w) {
        if (w.expired) {
            return;
        }
        w.expired = true;
        wake(w);
    }
}
