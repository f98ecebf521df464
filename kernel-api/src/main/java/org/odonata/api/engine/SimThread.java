package org.odonata.api.engine;

import org.osgi.annotation.versioning.ProviderType;

/** A simulated thread: plain sequential Java that the engine suspends and resumes in virtual time. */
@ProviderType
public interface SimThread {

    /** Unique within its engine, in order of creation. */
    long id();

    String name();

    SimThreadState state();

    /**
     * Makes a parked thread runnable at the current virtual time; if the thread is not parked, the next
     * {@link Engine#park()} it makes returns at once.
     */
    void unpark();

    /** The exception that ended the thread's body, or {@code null}. */
    Throwable failure();

    /**
     * What the code that spawned the thread keeps with it (a kernel: its thread structure, DragonFly's
     * {@code curthread}), so that {@link Engine#current()} leads to it without a lookup; null until {@link #attach}.
     */
    Object attachment();

    /** Sets {@link #attachment()}. */
    void attach(Object attachment);
}
