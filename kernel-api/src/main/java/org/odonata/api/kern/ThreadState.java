package org.odonata.api.kern;

/** What an LWKT thread is doing. */
public enum ThreadState {
    /** On a CPU now. */
    RUNNING,
    /** On its CPU's LWKT run queue, or on a user-scheduler queue waiting for a designation. */
    RUNNABLE,
    /** In tsleep (or nanosleep, pipe wait, waitpid). */
    SLEEPING,
    /** Exited, not yet reaped. */
    ZOMBIE
}
