package org.odonata.api.engine;

/** The life of a simulated thread. */
public enum SimThreadState {
    /** Created; its first resume is scheduled. */
    NEW,
    /** Due to be resumed by a scheduled event. */
    RUNNABLE,
    /** Executing on the engine's host thread. */
    RUNNING,
    /** Suspended until unparked or until its sleep ends. */
    PARKED,
    /** Its body returned or threw. */
    TERMINATED
}
