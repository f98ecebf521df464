package org.odonata.hw.x86.engine;

import org.odonata.api.engine.EventHandle;

/**
 * One scheduled action, and its own link in the event queue's lists: the queue allocates nothing per event
 * besides this object, 32 bytes with compressed references (a cancelled flag would pad it to 40, so a
 * sentinel action marks cancellation). Its action is dropped once it runs or is cancelled, so a handle kept
 * by a caller holds no garbage. Cancel is O(1): the event only counts itself cancelled and stays where it is.
 * An event no caller holds (a simulated thread's resume) is {@link #rearm rearmed} once it has run instead
 * of being allocated again.
 */
final class Event implements EventHandle {

    /** The action of a cancelled event. */
    private static final Runnable CANCELLED = () -> { };

    /** Fixed while the event is held by the queue; set again only by {@link #rearm}. */
    long time;
    /** The next event in the list (top, bucket or transfer list) that holds this one; null in the sorted run. */
    Event next;
    private final EventQueue queue;
    /** Null once run, {@link #CANCELLED} once cancelled. */
    private Runnable action;

    Event(EventQueue queue, long time, Runnable action) {
        this.queue = queue;
        this.time = time;
        this.action = action;
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public boolean pending() {
        return action != null && action != CANCELLED;
    }

    @Override
    public boolean cancel() {
        if (!pending()) {
            return false;
        }
        action = CANCELLED;
        queue.onCancel();
        return true;
    }

    /** Makes an event that has run pending again: only for one whose handle no caller holds. */
    void rearm(long time, Runnable action) {
        this.time = time;
        this.action = action;
    }

    boolean isCancelled() {
        return action == CANCELLED;
    }

    Runnable take() {
        Runnable a = action;
        action = null;
        return a;
    }

    @Override
    public String toString() {
        return "event@" + time + (action == CANCELLED ? " (cancelled)" : action == null ? " (ran)" : "");
    }
}
