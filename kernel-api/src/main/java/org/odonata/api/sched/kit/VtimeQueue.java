package org.odonata.api.sched.kit;

import java.util.Collections;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * A dispatch queue ordered by {@link Entity#vtime()}, smallest first, ties in arrival order (sched_ext's
 * priority DSQ, {@code scx_bpf_dsq_insert_vtime}). Insert, remove, poll and a change of vtime are O(log n).
 *
 * @param <E> the entity type of the scheduler that owns it
 */
public final class VtimeQueue<E extends Entity> extends DispatchQueue<E> {

    private static final Comparator<Entity> ORDER = Comparator.comparingLong(Entity::vtime)
            .thenComparingLong(e -> e.seq);

    private final TreeSet<E> tree = new TreeSet<>(ORDER);
    private long arrivals;

    public VtimeQueue(String name) {
        super(name);
    }

    @Override
    public void insert(E e) {
        admit(e);
        e.seq = arrivals++;
        tree.add(e);
    }

    @Override
    public E peek() {
        return tree.isEmpty() ? null : tree.first();
    }

    @Override
    public E poll() {
        E e = peek();
        if (e != null) {
            remove(e);
        }
        return e;
    }

    @Override
    public E pollLast() {
        E e = tree.isEmpty() ? null : tree.last();
        if (e != null) {
            remove(e);
        }
        return e;
    }

    /** The queued entities, smallest vtime first (a live, read-only view). */
    public Iterable<E> inOrder() {
        return Collections.unmodifiableSet(tree);
    }

    @Override
    void unlink(Entity e) {
        tree.remove(e);
    }

    /** Moves a queued entity to its place for a new vtime, keeping its arrival order among equals. */
    @SuppressWarnings("unchecked")
    void rekey(Entity e, long vtime) {
        tree.remove(e);
        e.vtimeField(vtime);
        tree.add((E) e);
    }
}
