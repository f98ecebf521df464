package org.odonata.hw.x86.engine;

import org.odonata.api.engine.SimThread;
import org.odonata.api.engine.VirtualDuration;

/**
 * Thrown by runUntil, runUntilIdle or step right after a simulated thread's body threw; the thread is
 * TERMINATED with the exception as its {@link SimThread#failure()}, and the engine stays usable: the
 * events still pending run on the next call.
 */
public final class SimulationFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String threadName;
    private final long threadId;
    private final long time;

    SimulationFailure(SimThread thread, long time, Throwable cause) {
        super("simulated thread '" + thread.name() + "' (id " + thread.id() + ") failed at t="
                + VirtualDuration.format(time) + ": " + reason(cause), cause);
        this.threadName = thread.name();
        this.threadId = thread.id();
        this.time = time;
    }

    /** The thread's own message when it has one (a workload's words), else what was thrown. */
    private static String reason(Throwable cause) {
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }

    public String threadName() {
        return threadName;
    }

    public long threadId() {
        return threadId;
    }

    /** The virtual time, in nanoseconds, at which the thread's body threw. */
    public long time() {
        return time;
    }
}
