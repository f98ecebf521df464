package org.odonata.api.sched.kit;

import org.odonata.api.sched.SchedThread;

/**
 * The kit's state for one LWP, kept in its {@link SchedThread#schedData()} (sched_ext's {@code p->scx}): the
 * dispatch queue holding it, its links there and its virtual time, the key of a {@link VtimeQueue}. A policy
 * that keeps more per-LWP state subclasses it and overrides {@link DsqScheduler#newEntity}.
 */
public class Entity {

    private final SchedThread thread;
    /** The scheduler instance that made it: another instance (after a swap) treats it as foreign. */
    Object owner;
    DispatchQueue<?> queue;
    Entity prev;
    Entity next;
    /** Insertion order, the tie-break of a vtime queue. */
    long seq;
    private long vtime;

    public Entity(SchedThread thread) {
        this.thread = thread;
    }

    public final SchedThread thread() {
        return thread;
    }

    /** The queue holding it, or {@code null} when it is not queued. */
    public final DispatchQueue<?> queue() {
        return queue;
    }

    public final boolean queued() {
        return queue != null;
    }

    /** Virtual time, as the policy keeps it (sched_ext's {@code dsq_vtime}): a vtime queue runs the smallest first. */
    public final long vtime() {
        return vtime;
    }

    /** Sets the virtual time; an entity on a vtime queue moves to its new place there. */
    public final void setVtime(long vtime) {
        if (queue instanceof VtimeQueue<?> q) {
            q.rekey(this, vtime);
        } else {
            this.vtime = vtime;
        }
    }

    final void vtimeField(long v) {
        vtime = v;
    }

    @Override
    public String toString() {
        return thread + (queue == null ? "" : " on " + queue.name());
    }
}
