package org.odonata.hw.x86.engine;

import org.odonata.api.engine.SimThread;
import org.odonata.api.engine.SimThreadState;

/**
 * One simulated thread's bookkeeping: state, park permit, whether a resume is scheduled, and how it
 * ended. Its stack lives in the {@link Strand}; every transition is made by the owning engine, on the
 * engine's thread, so no field needs synchronisation.
 */
final class Fiber implements SimThread {

    private final EventLoopEngine engine;
    private final long id;
    private final String name;
    /** The event action that resumes this thread; made once so scheduling a resume allocates no lambda. */
    final Runnable resumer;
    /** The event that runs {@link #resumer}; a thread has at most one resume scheduled, so one event serves all. */
    Event resumeEvent;
    Strand strand;
    SimThreadState state = SimThreadState.NEW;
    boolean permit;
    /** A resume event is scheduled: the thread is new, runnable, or sleeping. */
    boolean wakeupScheduled;
    Throwable failure;
    private Object attachment;

    Fiber(EventLoopEngine engine, long id, String name) {
        this.engine = engine;
        this.id = id;
        this.name = name;
        this.resumer = () -> engine.resume(this);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SimThreadState state() {
        return state;
    }

    /**
     * Wakes a parked thread at the current virtual time. A sleeping thread is not woken early (its sleep is
     * time it spends, not a wait) but gets the permit, like a thread that is new, runnable or running.
     */
    @Override
    public void unpark() {
        switch (state) {
            case TERMINATED -> { }
            case PARKED -> {
                if (wakeupScheduled) {
                    permit = true;
                } else {
                    state = SimThreadState.RUNNABLE;
                    engine.scheduleResume(this, engine.now());
                }
            }
            default -> permit = true;
        }
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public String toString() {
        return "SimThread[" + id + " '" + name + "' " + state + "]";
    }
}
