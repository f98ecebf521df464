package org.odonata.api.engine;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One simulated machine's event loop: virtual time in nanoseconds, events ordered by (time, order of
 * scheduling), and simulated threads that run plain sequential Java until they park.
 * <p>
 * An engine is confined to the host thread that runs it; nothing in it reads the host clock. Events and
 * simulated threads at the same virtual time run in the order they were scheduled, so the same inputs and
 * seed give the same event order and the same results on every run.
 */
@ProviderType
public interface Engine {

    /** Which implementation of simulated threads this engine uses. */
    EngineKind kind();

    /** The current virtual time in nanoseconds since the machine booted. */
    long now();

    /** Schedules {@code action} to run at absolute virtual time {@code time} (not before now). */
    EventHandle at(long time, Runnable action);

    /** Schedules {@code action} to run {@code delay} nanoseconds from now. */
    default EventHandle after(long delay, Runnable action) {
        return at(now() + delay, action);
    }

    /** Creates a simulated thread that starts running {@code body} at the current virtual time. */
    SimThread spawn(String name, Runnable body);

    /** The simulated thread running now, or {@code null} when an event (not a thread) is running. */
    SimThread current();

    /**
     * Suspends the current simulated thread until {@link SimThread#unpark()} is called on it. Returns
     * immediately, consuming the permit, if it was unparked while running.
     *
     * @throws IllegalStateException when called outside a simulated thread
     */
    void park();

    /** Suspends the current simulated thread for {@code nanos} of virtual time. */
    void sleep(long nanos);

    /**
     * Runs events in virtual-time order while the earliest is at or before {@code time}, then sets the
     * clock to {@code time}.
     *
     * @return the number of events run
     */
    long runUntil(long time);

    /**
     * Runs events until none is left.
     *
     * @return the number of events run
     */
    long runUntilIdle();

    /** Runs the earliest event, if any; returns whether one ran. */
    boolean step();

    /** Events scheduled and not yet run or cancelled. */
    int pending();

    /** Events run since the engine was created. */
    long eventsRun();

    /** The seeded random streams of this engine. */
    RandomStreams random();
}
