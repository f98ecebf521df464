package org.odonata.api.sync;

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
     * Acquires, waiting as the algorithm does (LWKT backoff, ticket order, MCS queue), for at most
     * {@code spinBudgetNanos} of virtual time; returns false if it gave up, having left no trace in the lock
     * (the core then switches away and retries later, as {@code lwkt_gettoken} does). {@link Long#MAX_VALUE}
     * means no limit: spin until acquired.
     */
    boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos);

    /** Releases one hold of {@code owner} in {@code mode}. */
    void release(int cpu, long owner, TokenMode mode);

    /** Cycles CPUs have spent spinning on this token. */
    long spinCycles();

    /** Makes every acquire in progress give up promptly (returns false); used when the implementation is swapped. */
    void abandon();
}
