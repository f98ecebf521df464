package org.odonata.api.sched.kit;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sched.SchedThread;

/**
 * A dispatch queue (sched_ext's DSQ): LWPs waiting to be picked, each on at most one queue at a time. The kit
 * has two orders, {@link FifoQueue} (arrival) and {@link VtimeQueue} (virtual time). Queues made by a {@link
 * DsqScheduler} are counted, dequeued from and exported by it.
 *
 * @param <E> the entity type of the scheduler that owns it
 */
public abstract sealed class DispatchQueue<E extends Entity> permits FifoQueue, VtimeQueue {

    private final String name;
    int size;

    DispatchQueue(String name) {
        this.name = name;
    }

    public final String name() {
        return name;
    }

    public final int size() {
        return size;
    }

    public final boolean isEmpty() {
        return size == 0;
    }

    /** Queues {@code e} in this queue's order. */
    public abstract void insert(E e);

    /** The entity that {@link #poll()} would return, left in place; {@code null} when empty. */
    public abstract E peek();

    /** Removes and returns the first entity; {@code null} when empty. */
    public abstract E poll();

    /** Removes and returns the last entity (the newest, or the largest vtime): what a stealing CPU takes. */
    public abstract E pollLast();

    /** Removes {@code e}; false when it is not on this queue. */
    public final boolean remove(Entity e) {
        if (e.queue != this) {
            return false;
        }
        unlink(e);
        e.queue = null;
        size--;
        return true;
    }

    /** Empties the queue, first entity first. */
    public final List<SchedThread> drain() {
        List<SchedThread> out = new ArrayList<>(size);
        for (E e = poll(); e != null; e = poll()) {
            out.add(e.thread());
        }
        return out;
    }

    abstract void unlink(Entity e);

    /** Claims {@code e} for this queue before the subclass links it. */
    final void admit(Entity e) {
        if (e.queue != null) {
            throw new IllegalStateException("LWP " + e.thread().tid() + " is already queued on " + e.queue.name());
        }
        e.queue = this;
        size++;
    }

    @Override
    public String toString() {
        return name + " (" + size + ")";
    }
}
