package org.odonata.fs.hammer.volume;

import java.util.Arrays;

/**
 * A bounded LRU of blocks keyed by a primitive block key: the same order and the same evictions as an
 * access-ordered {@code LinkedHashMap} that drops its eldest entry beyond {@code capacity} (a get or a put
 * makes an entry the newest), without boxing the key. Open addressing with linear probing and backward-shift
 * removal in a table at most half full; entries are chained from eldest to newest. All operations O(1).
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
    private final Entry<V>[] table;
    private final int mask;
    private int size;
    /** The least recently used entry, next to go. */
    private Entry<V> eldest;
    private Entry<V> newest;

    @SuppressWarnings("unchecked")
    BlockLru(int capacity) {
        this.capacity = capacity;
        this.table = new Entry[Integer.highestOneBit(capacity + 1) * 4];
        this.mask = table.length - 1;
    }

    /** The value at {@code key}, now the newest, or null. */
    V get(long key) {
        Entry<V> e = table[slot(key)];
        if (e == null) {
            return null;
        }
        touch(e);
        return e.value;
    }

    /** Sets {@code key}'s value and makes it the newest; drops the eldest beyond the capacity. */
    void put(long key, V value) {
        int i = slot(key);
        Entry<V> e = table[i];
        if (e != null) {
            e.value = value;
            touch(e);
            return;
        }
        e = new Entry<>(key, value);
        table[i] = e;
        append(e);
        if (++size > capacity) {
            Entry<V> old = eldest;
            unlink(old);
            delete(slot(old.key));
        }
    }

    /** Removes {@code key}; returns its value or null. */
    V remove(long key) {
        int i = slot(key);
        Entry<V> e = table[i];
        if (e == null) {
            return null;
        }
        unlink(e);
        delete(i);
        return e.value;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        Arrays.fill(table, null);
        eldest = null;
        newest = null;
        size = 0;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(long key) {
        int i = home(key);
        for (Entry<V> e = table[i]; e != null && e.key != key; e = table[i]) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    /** Empties slot {@code i}, shifting back later entries of its probe run so every key stays reachable. */
    private void delete(int i) {
        int hole = i;
        for (int j = (hole + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int h = home(table[j].key);
            // the entry at j stays unless its home lies cyclically outside (hole, j]
            boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = null;
        size--;
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
