package org.odonata.api.probe;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the calling host thread is in simulated time: the kernel it is advancing (inside {@code Kernel.runFor}),
 * that machine's virtual time and the CPU whose code runs. Registered as a service by the kernel core, for
 * observers such as dynamic probes that run inside simulated code and must read virtual time, never the host's.
 * Reading it changes nothing in the simulation.
 */
@ProviderType
public interface ThreadClock {

    /** Whether the calling thread is advancing a simulated kernel now. */
    boolean inSimulation();

    /** That machine's virtual time in nanoseconds since boot; -1 outside a simulation. */
    long now();

    /** The simulated CPU whose code runs now (an interrupt handler's or the running thread's); -1 if none. */
    int cpu();
}
