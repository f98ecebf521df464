package org.odonata.sync.tokens;

import static org.odonata.sync.tokens.TokenCount.EXCLREQ;
import static org.odonata.sync.tokens.TokenCount.EXCLUSIVE;
import static org.odonata.sync.tokens.TokenCount.INCR;

import org.odonata.api.engine.Engine;
import org.odonata.api.machine.Cpu;
import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.Coherence;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;

/**
 * An LWKT token: {@code _lwkt_trytokref} and {@code _lwkt_trytokref_spin} on one cache line holding
 * {@code t_count}. Guarantee: exclusive holders exclude everyone; shared holders coexist; the exclusive owner's
 * further requests, in either mode, succeed as shared increments; an acquire that gives up leaves no hold, and an
 * exclusive one leaves EXCLREQ set, as in DragonFly, until an exclusive acquisition clears it. Cost, uncontended:
 * an exclusive acquire is a load and a CAS of the line, a shared one a load and a fetch-add, a release one
 * fetch-add. A contended exclusive request spins as {@code _lwkt_trytokref_spin} does ({@link #spinBounded}), or,
 * with a time budget, for that long; each retry is a load and a CAS that pull the line across, and the CPU in its
 * TSC window retries without pausing. A pending EXCLREQ holds off a blocking shared request only while that is the
 * requester's only token; {@link #tryAcquire} ignores EXCLREQ as {@code lwkt_trytoken} does.
 */
final class LwktToken implements TokenLock {

    /** {@code token_backoff_max}: the longest backoff between two exclusive retries, in pauses. */
    static final long BACKOFF_MAX = 4096;

    private final String name;
    private final Engine engine;
    private final Machine machine;
    private final Coherence memory;
    private final CacheLine count;
    private final int ncpus;
    private final double cyclesPerNano;

    /**
     * {@code t_ref}: who holds the EXCLUSIVE bit. In DragonFly it shares {@code t_count}'s line and is read and
     * written next to it, so its accesses ride on those to {@code t_count} and are not priced separately.
     */
    private long ref;
    private boolean referenced;
    /** Increments the exclusive owner added by asking again; its releases give these back first (LIFO). */
    private int recursion;
    private long abandonments;
    private long spinCycles;

    LwktToken(String name, Machine machine) {
        this.name = name;
        this.machine = machine;
        this.engine = machine.engine();
        this.memory = machine.coherence();
        this.count = memory.allocate("token:" + name, 0, 0);
        this.ncpus = machine.topology().cpuCount();
        this.cyclesPerNano = machine.costs().frequencyHz() / 1e9;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
        return mode == TokenMode.EXCLUSIVE ? tryExclusive(cpu, owner, false) : tryShared(cpu, owner, false);
    }

    @Override
    public boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        return acquire(cpu, owner, mode, spinBudgetNanos, 1);
    }

    /**
     * {@code _lwkt_trytokref_spin}, or a single {@code _lwkt_trytokref} with a budget of 0. A shared request tries
     * once more (inside its TSC window ignoring EXCLREQ, so shared requests cannot starve forever); a pending
     * EXCLREQ holds it off only while it is the requester's only token.
     */
    @Override
    public boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos, int tokrefs) {
        boolean onlyToken = tokrefs <= 1;
        if (mode == TokenMode.SHARED) {
            if (tryShared(cpu, owner, onlyToken)) {
                return true;
            }
            if (spinBudgetNanos == 0) {
                return false;
            }
            Cpu c = machine.cpu(cpu);
            long start = c.cyclesCharged();
            boolean won = tryShared(cpu, owner, onlyToken && !CpuPause.inTscWindow(c, ncpus));
            spinCycles += c.cyclesCharged() - start;
            return won;
        }
        if (tryExclusive(cpu, owner, true)) {
            return true;
        }
        if (spinBudgetNanos == 0) {
            return false;
        }
        return spinBudgetNanos == BOUNDED_SPIN ? spinBounded(cpu, owner) : spinTimed(cpu, owner, spinBudgetNanos);
    }

    @Override
    public void release(int cpu, long owner, TokenMode mode) {
        if (referenced && ref == owner) {
            if (recursion > 0) {
                recursion--;
                memory.fetchAdd(cpu, count, -INCR);
                return;
            }
            if (mode != TokenMode.EXCLUSIVE) {
                throw new IllegalStateException(name + ": owner " + owner + " releases a shared hold but holds the "
                        + "token exclusively");
            }
            // t_ref is cleared before the bit, so a new owner never sees a stale t_ref.
            referenced = false;
            memory.fetchAdd(cpu, count, -EXCLUSIVE);
            return;
        }
        if (mode == TokenMode.EXCLUSIVE) {
            throw new IllegalStateException(name + ": owner " + owner + " releases an exclusive hold it does not have");
        }
        long old = memory.fetchAdd(cpu, count, -INCR);
        if (TokenCount.shares(old) == 0) {
            throw new IllegalStateException(name + ": owner " + owner + " releases a shared hold nobody has");
        }
    }

    @Override
    public long spinCycles() {
        return spinCycles;
    }

    @Override
    public void abandon() {
        abandonments++;
    }

    /**
     * {@code _lwkt_trytokref} for an exclusive request. A blocking request that fails sets EXCLREQ; a request
     * that finds EXCLREQ already set, or a non-blocking one, pauses once, as DragonFly does before returning.
     */
    private boolean tryExclusive(int cpu, long owner, boolean blocking) {
        long c = memory.load(cpu, count);
        while (true) {
            if (TokenCount.free(c)) {
                if (memory.compareAndSet(cpu, count, c, (c & ~EXCLREQ) | EXCLUSIVE)) {
                    ref = owner;
                    referenced = true;
                    return true;
                }
                // fcmpset hands back the value it found; the line is ours after the CAS, so this is a hit.
                c = memory.load(cpu, count);
            } else if (ownedBy(c, owner)) {
                addRecursive(cpu);
                return true;
            } else if (blocking && !TokenCount.exclusiveRequested(c)) {
                setExclusiveRequest(cpu, c);
                return false;
            } else {
                CpuPause.pause(machine.cpu(cpu), 1);
                return false;
            }
        }
    }

    /**
     * {@code _lwkt_trytokref} for a shared request: add an increment optimistically and take it back if an
     * exclusive holder got in first.
     */
    private boolean tryShared(int cpu, long owner, boolean respectExclusiveRequest) {
        long blockers = EXCLUSIVE | (respectExclusiveRequest ? EXCLREQ : 0);
        long c = memory.load(cpu, count);
        while (true) {
            if ((c & blockers) == 0) {
                if (!TokenCount.exclusive(memory.fetchAdd(cpu, count, INCR))) {
                    return true;
                }
                c = memory.fetchAdd(cpu, count, -INCR) - INCR;
            } else if (ownedBy(c, owner)) {
                addRecursive(cpu);
                return true;
            } else {
                return false;
            }
        }
    }

    /**
     * {@code _lwkt_trytokref_spin} for an exclusive request (lwkt_token.c): at most 19 rounds, each growing the
     * backoff ×1.5 while it is below {@code 6 + token_backoff_max}, pausing that many times (unless the CPU is in its
     * TSC window) and retrying; gives up after the last round or when the token is abandoned.
     */
    private boolean spinBounded(int cpu, long owner) {
        Cpu c = machine.cpu(cpu);
        long start = c.cyclesCharged();
        long epoch = abandonments;
        try {
            long backoff = 0;
            while (backoff < 6 + BACKOFF_MAX) {
                backoff = (backoff + 1) * 3 / 2;
                // The retries' own cost is virtual time too: settling it keeps the TSC window moving.
                c.settle();
                if (abandonments != epoch) {
                    return false;
                }
                if (!CpuPause.inTscWindow(c, ncpus)) {
                    CpuPause.pause(c, backoff);
                }
                if (tryExclusive(cpu, owner, true)) {
                    return true;
                }
            }
            return false;
        } finally {
            spinCycles += c.cyclesCharged() - start;
        }
    }

    /**
     * The model's time-bounded variant (not DragonFly's): the same ×1.5 backoff, held at {@link #BACKOFF_MAX}
     * pauses, until the budget is spent or the token is abandoned.
     */
    private boolean spinTimed(int cpu, long owner, long budgetNanos) {
        Cpu c = machine.cpu(cpu);
        long start = c.cyclesCharged();
        long deadline = saturatedAdd(engine.now(), budgetNanos);
        long epoch = abandonments;
        long backoff = 0;
        try {
            while (true) {
                c.settle();
                if (abandonments != epoch || engine.now() >= deadline) {
                    return false;
                }
                backoff = Math.min((backoff + 1) * 3 / 2, BACKOFF_MAX);
                if (!CpuPause.inTscWindow(c, ncpus)) {
                    CpuPause.pause(c, Math.min(backoff, pausesUntil(deadline)));
                }
                if (tryExclusive(cpu, owner, true)) {
                    return true;
                }
            }
        } finally {
            spinCycles += c.cyclesCharged() - start;
        }
    }

    private boolean ownedBy(long c, long owner) {
        return TokenCount.exclusive(c) && referenced && ref == owner;
    }

    /** The owner asks again: DragonFly counts the new tokref as a shared increment. */
    private void addRecursive(int cpu) {
        memory.fetchAdd(cpu, count, INCR);
        recursion++;
    }

    /** {@code atomic_set_long(&t_count, TOK_EXCLREQ)}: a locked OR, modelled as a CAS loop. */
    private void setExclusiveRequest(int cpu, long c) {
        while (!TokenCount.exclusiveRequested(c) && !memory.compareAndSet(cpu, count, c, c | EXCLREQ)) {
            c = memory.load(cpu, count);
        }
    }

    /** Pauses that fit before the deadline, at least one (so a retry always follows some pause). */
    private long pausesUntil(long deadline) {
        double cycles = (deadline - engine.now()) * cyclesPerNano;
        return Math.max(1, (long) Math.ceil(cycles / CpuPause.PAUSE_CYCLES));
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }

    @Override
    public String toString() {
        return "lwkt token " + name + " = " + Long.toHexString(count.peek());
    }
}
