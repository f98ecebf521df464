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
}
