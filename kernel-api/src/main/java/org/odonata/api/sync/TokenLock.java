package org.odonata.api.sync;

import org.odonata.api.cost.CostModel;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One token under one implementation: the acquisition algorithm over simulated cache lines. The kernel core
 * guarantees the semantics (a thread holds tokens only while it runs; all are released at a switch and
 * reacquired all-or-nothing before it resumes); the implementation decides how a CPU gets the token and what
 * that costs. Exclusive holders exclude everyone else; shared holders coexist (unless the factory says otherwise,
 * {@link TokenAlgorithmFactory#sharedHoldersCoexist()}); an exclusive holder asking again (for either mode) always
 * succeeds. {@code org.odonata.api.sync.kit.TokenBase} implements the owner's part of this.
 * <p>
 * Every method runs on the simulated thread of {@code owner} on {@code cpu} and charges that CPU through the
 * machine's coherence model.
 */
@ConsumerType
public interface TokenLock {

    String name();

    /** One attempt, never waiting ({@code lwkt_trytoken}). */
    boolean tryAcquire(int cpu, long owner, TokenMode mode);

    /**
     * {@link #acquire} budget for the algorithm's own bounded spin, the kernel's default: for LWKT tokens
     * DragonFly's {@code _lwkt_trytokref_spin} (at most 19 backoff rounds growing ×1.5 up to
     * {@code 6 + token_backoff_max} PAUSEs, each pause skipped inside the CPU's TSC window); an algorithm without such
     * a loop spins for {@link #boundedSpinNanos} of virtual time.
     */
    long BOUNDED_SPIN = -1;

    /** The PAUSEs of DragonFly's bounded spin when no round is skipped: 1 + 3 + 6 + … + 5392. */
    long BOUNDED_SPIN_PAUSES = 16_129;

    /**
     * The latency of one PAUSE the token and spinlock models assume: about 140 cycles on Skylake-SP and later Intel
     * cores (about 10 before).
     */
    long PAUSE_CYCLES = 140;

    /** The virtual time of DragonFly's bounded spin on a machine with {@code costs}, when no round is skipped. */
    static long boundedSpinNanos(CostModel costs) {
        return costs.nanos(BOUNDED_SPIN_PAUSES * PAUSE_CYCLES);
    }

    /**
     * Acquires, waiting as the algorithm does (LWKT backoff, ticket order, MCS queue): for at most
     * {@code spinBudgetNanos} of virtual time, for the algorithm's own bound with {@link #BOUNDED_SPIN}, or after a
     * single attempt with 0; returns false if it gave up, holding nothing (the core then switches away and retries
     * later, as {@code lwkt_gettoken} does). An exclusive LWKT request that gives up leaves EXCLREQ set, as in
     * DragonFly, until an exclusive acquisition clears it. {@link Long#MAX_VALUE} means no limit: spin until acquired.
     */
    boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos);

    /**
     * {@link #acquire(int, long, TokenMode, long)} by a thread whose token stack holds {@code tokrefs} entries, this
     * request's included: DragonFly lets a pending exclusive request (EXCLREQ) hold off a shared request only when the
     * requester holds no other token ({@code td_toks_stop == &td_toks_base + 1}), which keeps sorted reacquisition
     * deadlock-free. Default: the stack depth is ignored.
     */
    default boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos, int tokrefs) {
        return acquire(cpu, owner, mode, spinBudgetNanos);
    }

    /** Releases one hold of {@code owner} in {@code mode}. */
    void release(int cpu, long owner, TokenMode mode);

    /** Cycles CPUs have spent spinning on this token. */
    long spinCycles();

    /** Makes every acquire in progress give up promptly (returns false); used when the implementation is swapped. */
    void abandon();
}
