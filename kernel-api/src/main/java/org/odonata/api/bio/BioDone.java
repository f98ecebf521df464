package org.odonata.api.bio;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * {@code bio_done}: what an asynchronous request does when it completes (the buffer cache's {@code bawrite} and
 * read-ahead completions, a pager's {@code swap_pager_putpages} completion).
 */
@ConsumerType
@FunctionalInterface
public interface BioDone {

    /**
     * Runs in the disk's interrupt thread on the CPU its completion interrupt is routed to, at interrupt thread
     * priority, once {@code bio} is done. It may wake threads, take tokens and spend kernel CPU time
     * ({@link org.odonata.api.kthread.KernelThreads}); it must not sleep, as an interrupt thread does not.
     */
    void biodone(Bio bio);
}
