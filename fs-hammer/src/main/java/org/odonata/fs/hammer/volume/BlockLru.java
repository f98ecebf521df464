package org.odonata.fs.hammer.volume;

import org.odonata.fs.hammer.table.LongMap;

/**
 * A bounded LRU of blocks keyed by a primitive block key: the same order and the same evictions as an
 * access-ordered {@code LinkedHashMap} that drops its eldest entry beyond {@code capacity} (a get or a put
 * makes an entry the newest), without boxing the key. Entries are chained from eldest to newest. O(1) expected
 * per operation.
 */
final class BlockLru<V> {

    private static final class Entry<V> {
        final long key;
        V value;
        Entry<V> prev;
        Entry<V> next;

        Entry(long key, V value) {
            this.key = key;
            this.value = value;
        }
    }

    private final int capacity;
    private final LongMap<Entry<V>> index = new LongMap<>();
    /** The least recently used entry, next to go. */
    private Entry<V> eldest;
    private Entry<V> newest;

    BlockLru(int capacity) {
        this.capacity = capacity;
    }

    /** The value at {@code key}, now the newest, or null. */
    V get(long key) {
        Entry<V> e = index.get(key);
        if (e == null) {
            return null;
        }
        touch(e);
        return e.value;
    }

    /** Sets {@code key}'s value and makes it the newest; drops the eldest beyond the capacity. */
    void put(long key, V value) {
        Entry<V> e = index.get(key);
        if (e != null) {
            e.value = value;
            touch(e);
            return;
        }
        e = new Entry<>(key, value);
        index.put(key, e);
        append(e);
        if (index.size() > capacity) {
            Entry<V> old = eldest;
            unlink(old);
            index.remove(old.key);
        }
    }

    /** Removes {@code key}; returns its value or null. */
    V remove(long key) {
        Entry<V> e = index.remove(key);
        if (e == null) {
            return null;
        }
        unlink(e);
        return e.value;
    }

    boolean isEmpty() {
        return index.size() == 0;
    }

    void clear() {
        index.clear();
        eldest = null;
        newest = null;
    }

    private void touch(Entry<V> e) {
        if (e != newest) {
            unlink(e);
            append(e);
        }
    }

    private void append(Entry<V> e) {
        e.prev = newest;
        e.next = null;
        if (newest == null) {
            eldest = e;
        } else {
            newest.next = e;
        }
        newest = e;
    }

    private void unlink(Entry<V> e) {
        if (e.prev == null) {
            eldest = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            newest = e.prev;
        } else {
            e.next.prev = e.prev;
        }
    }
}
