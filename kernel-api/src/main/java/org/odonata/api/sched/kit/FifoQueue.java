package org.odonata.api.sched.kit;

/**
 * A dispatch queue in arrival order: a doubly linked list through the entities, so every operation is O(1).
 *
 * @param <E> the entity type of the scheduler that owns it
 */
public final class FifoQueue<E extends Entity> extends DispatchQueue<E> {

    private Entity head;
    private Entity tail;

    public FifoQueue(String name) {
        super(name);
    }

    /** Queues {@code e} at the tail. */
    @Override
    public void insert(E e) {
        admit(e);
        e.prev = tail;
        e.next = null;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
    }

    /** Queues {@code e} at the head, to run next (sched_ext's {@code SCX_ENQ_HEAD}). */
    public void insertHead(E e) {
        admit(e);
        e.prev = null;
        e.next = head;
        if (head == null) {
            tail = e;
        } else {
            head.prev = e;
        }
        head = e;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E peek() {
        return (E) head;
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
    @SuppressWarnings("unchecked")
    public E pollLast() {
        E e = (E) tail;
        if (e != null) {
            remove(e);
        }
        return e;
    }

    @Override
    void unlink(Entity e) {
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
    }
}
