package org.odonata.hw.x86.engine;

import java.util.Objects;

import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EventHandle;
import org.odonata.api.engine.RandomStreams;
import org.odonata.api.engine.SimThread;
import org.odonata.api.engine.SimThreadState;

/**
 * Everything both engines share: the event queue, the virtual clock, spawning, park/unpark permits,
 * sleep, and failure reporting. Subclasses only say how a simulated thread's stack is suspended and
 * resumed ({@link #newStrand}), so both kinds run the same events in the same order.
 * <p>
 * Guarantee: one event or one simulated thread runs at a time, in (time, scheduling order); resuming a
 * thread is one event. Cost per event: one event-queue poll (amortized O(1)) plus, for a resume, one
 * strand switch. A sleep whose resume would be the very next event the loop runs (nothing is due before or at its
 * wake time, and the run's limit and event budget allow it) is that event run in place: the clock advances and the
 * event is counted, with no event queued and no strand switch, so the order of everything else is unchanged.
 */
abstract sealed class EventLoopEngine implements Engine permits ContinuationEngine, VirtualThreadEngine {

    private final EventQueue queue = new EventQueue();
    private final SeededStreams random;
    private long now;
    private long eventsRun;
    private long nextThreadId;
    /** The simulated thread running now, or null while an event or nothing runs. */
    private Fiber current;
    /** Inside runUntil, runUntilIdle or step: those are not reentrant. */
    private boolean running;
    /** Set when the last resumed thread's body threw; thrown once the event that resumed it returns. */
    private SimulationFailure failure;
    /** The running {@link #loop}'s time limit and event budget, and the events it has run so far. */
    private long loopLimit;
    private long loopMaxEvents;
    private long loopRan;

    EventLoopEngine(long seed) {
        this.random = new SeededStreams(seed);
    }

    /** Gives {@code body} (which never throws) a stack that {@link Strand#suspend()} can unwind from. */
    abstract Strand newStrand(String name, Runnable body);

    @Override
    public final long now() {
        return now;
    }

    @Override
    public final EventHandle at(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException("event at " + time + " ns is before now (" + now + " ns)");
        }
        return queue.add(time, action);
    }

    @Override
    public final SimThread spawn(String name, Runnable body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Fiber thread = new Fiber(this, nextThreadId++, name);
        thread.resumeEvent = queue.reusableEvent();
        thread.strand = newStrand(name, () -> {
            try {
                body.run();
            } catch (Throwable t) {
                // recorded, then reported by the run loop: the host stack must unwind cleanly
                thread.failure = t;
            }
        });
        scheduleResume(thread, now);
        return thread;
    }

    @Override
    public final SimThread current() {
        return current;
    }

    @Override
    public final void park() {
        Fiber thread = requireCurrent("park");
        if (thread.permit) {
            thread.permit = false;
            return;
        }
        thread.state = SimThreadState.PARKED;
        thread.strand.suspend();
    }

    @Override
    public final void sleep(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative sleep: " + nanos + " ns");
        }
        Fiber thread = requireCurrent("sleep");
        long wakeTime = Math.addExact(now, nanos);
        if (wakeTime < queue.peekTime() && wakeTime <= loopLimit && loopRan < loopMaxEvents) {
            // the resume would be the loop's very next event: run it in place, without suspending
            now = wakeTime;
            eventsRun++;
            loopRan++;
            return;
        }
        thread.state = SimThreadState.PARKED;
        scheduleResume(thread, wakeTime);
        thread.strand.suspend();
    }

    @Override
    public final long runUntil(long time) {
        long ran = drive(time, Long.MAX_VALUE);
        now = Math.max(now, time);
        return ran;
    }

    @Override
    public final long runUntilIdle() {
        return drive(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @Override
    public final boolean step() {
        return drive(Long.MAX_VALUE, 1) == 1;
    }

    @Override
    public final int pending() {
        return queue.size();
    }

    @Override
    public final long eventsRun() {
        return eventsRun;
    }

    @Override
    public final RandomStreams random() {
        return random;
    }

    /**
     * Runs the event loop on a thread where strands can be switched; the continuation engine runs it
     * right here, the virtual-thread engine on a virtual thread.
     */
    long runEvents(long limit, long maxEvents) {
        return loop(limit, maxEvents);
    }

    /** Runs up to {@code maxEvents} events due at or before {@code limit}; returns how many ran. */
    final long loop(long limit, long maxEvents) {
        loopLimit = limit;
        loopMaxEvents = maxEvents;
        loopRan = 0;
        try {
            while (loopRan < maxEvents && !queue.isEmpty()) {
                long time = queue.peekTime();
                if (time > limit) {
                    break;
                }
                now = time;
                Runnable action = queue.poll();
                eventsRun++;
                loopRan++;
                action.run();
                if (failure != null) {
                    SimulationFailure f = failure;
                    failure = null;
                    throw f;
                }
            }
            return loopRan;
        } finally {
            // no loop runs: a sleep must take the slow path (none can happen outside a resumed thread anyway)
            loopLimit = -1;
        }
    }

    void scheduleResume(Fiber thread, long time) {
        thread.wakeupScheduled = true;
        queue.addAgain(thread.resumeEvent, time, thread.resumer);
    }

    /** The event that runs a simulated thread until it parks, sleeps or ends. */
    void resume(Fiber thread) {
        thread.wakeupScheduled = false;
        thread.state = SimThreadState.RUNNING;
        current = thread;
        boolean ended;
        try {
            ended = thread.strand.resume();
        } finally {
            current = null;
        }
        if (ended) {
            thread.state = SimThreadState.TERMINATED;
            if (thread.failure != null) {
                failure = new SimulationFailure(thread, now, thread.failure);
            }
        }
    }

    private long drive(long limit, long maxEvents) {
        if (running) {
            throw new IllegalStateException(
                    "the engine is already running: runUntil, runUntilIdle and step cannot be called from an event or a simulated thread");
        }
        running = true;
        try {
            return runEvents(limit, maxEvents);
        } finally {
            running = false;
        }
    }

    private Fiber requireCurrent(String operation) {
        if (current == null) {
            throw new IllegalStateException(operation + "() called outside a simulated thread: only code started by"
                    + " Engine.spawn can block; an event or the host thread must schedule work with at()/after() instead");
        }
        return current;
    }
}
