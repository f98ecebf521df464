package org.odonata.api.sched;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as a service (with service property {@code name}) by a scheduler bundle; gives each machine its
 * own {@link UserScheduler}.
 */
@ConsumerType
public interface UserSchedulerFactory {

    /** The name commands and specs use: {@code dfly}, {@code bsd4}, {@code fifo}, … */
    String name();

    /** One line for {@code sched:list}. */
    String description();

    UserScheduler create();

    /**
     * Whether its schedulers are work-conserving: after the reschedule requests an enqueue or a pick raises have
     * been served, no online CPU is without a designated LWP while an LWP is queued. The conformance kit checks the
     * claim; by default none is made (dfly and bsd4 balance at schedclock ticks instead).
     */
    default boolean workConserving() {
        return false;
    }
}
