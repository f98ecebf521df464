package org.odonata.api.kern;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A workload that can be started on a booted kernel; registered as a service with the service property
 * {@code name} (the name {@code kern:run} and experiment specs use).
 */
@ConsumerType
public interface Workload {

    String name();

    /** One line: the arguments it takes, e.g. {@code cpuhog N}. */
    String usage();

    /**
     * Spawns the workload's processes on {@code kernel}; they run as virtual time advances.
     *
     * @throws IllegalArgumentException naming the bad argument and the usage
     */
    WorkloadRun start(Kernel kernel, List<String> args);
}
