package org.odonata.fs.hammer.volume;

import java.util.Arrays;

import org.odonata.fs.hammer.table.LinearProbing;

/**
 * A bounded LRU of blocks keyed by a primitive block key: the same order and the same evictions as an
 * access-ordered {@code LinkedHashMap} that drops its eldest entry beyond {@code capacity} (a get or a put
 * makes an entry the newest). One open-addressed table (linear probing, at most three quarters full,
 * backward-shift removal) whose slots are also chained from eldest to newest by slot number, so an access touches
 * a few dense arrays rather than an entry object and its two neighbours, each allocated beside the 16 KB block it
 * caches. O(1) expected per operation.
 */
final class BlockLru<V> {

    private static final int NONE = -1;
    private static final long LOW = 0xFFFF_FFFFL;

    private final int capacity;
    private long[] keys;
    private Object[] values;
    /** Per slot: the slot of the next older entry (high 32 bits) and of the next newer one (low 32 bits). */
    private long[] links;
    private int size;
    private int eldest = NONE;
    private int newest = NONE;

    BlockLru(int capacity) {
        this.capacity = capacity;
        allocate(16);
    }

    /** The value at {@code key}, now the newest, or null. */
    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = slot(key);
        V v = (V) values[i];
        if (v != null) {
            touch(i);
        }
        return v;
    }

    /** Sets {@code key}'s value and makes it the newest; drops the eldest beyond the capacity. */
    void put(long key, V value) {
        int i = slot(key);
        if (values[i] != null) {
            values[i] = value;
            touch(i);
            return;
        }
        keys[i] = key;
        values[i] = value;
        append(i);
        size++;
        if (size > capacity) {
            removeAt(eldest);
        }
        if (size * 4 > keys.length * 3) {
            grow();
        }
    }

    /** Removes {@code key}; returns its value or null. */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = slot(key);
        V v = (V) values[i];
        if (v != null) {
            removeAt(i);
        }
        return v;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
        eldest = NONE;
        newest = NONE;
    }

    private void allocate(int slots) {
        keys = new long[slots];
        values = new Object[slots];
        links = new long[slots];
    }

    private int slot(long key) {
        return LinearProbing.slot(keys, values, key);
    }

    private void removeAt(int i) {
        unlink(i);
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            if (!LinearProbing.stays(hole, j, LinearProbing.home(keys[j], mask))) {
                move(j, hole);
                hole = j;
            }
        }
        values[hole] = null;
        size--;
    }

    /** Moves the entry at slot {@code from} into the empty slot {@code to}, keeping its place in the order. */
    private void move(int from, int to) {
        keys[to] = keys[from];
        values[to] = values[from];
        links[to] = links[from];
        int older = older(to);
        int newer = newer(to);
        if (older == NONE) {
            eldest = to;
        } else {
            setNewer(older, to);
        }
        if (newer == NONE) {
            newest = to;
        } else {
            setOlder(newer, to);
        }
    }

    private void touch(int i) {
        if (i != newest) {
            unlink(i);
            append(i);
        }
    }

    private void append(int i) {
        links[i] = (long) newest << 32 | LOW;
        if (newest == NONE) {
            eldest = i;
        } else {
            setNewer(newest, i);
        }
        newest = i;
    }

    private void unlink(int i) {
        int older = older(i);
        int newer = newer(i);
        if (older == NONE) {
            eldest = newer;
        } else {
            setNewer(older, newer);
        }
        if (newer == NONE) {
            newest = older;
        } else {
            setOlder(newer, older);
        }
    }

    private int older(int i) {
        return (int) (links[i] >> 32);
    }

    private int newer(int i) {
        return (int) links[i];
    }

    private void setOlder(int i, int older) {
        links[i] = (long) older << 32 | links[i] & LOW;
    }

    private void setNewer(int i, int newer) {
        links[i] = links[i] & ~LOW | newer & LOW;
    }

    /** Doubles the table, re-inserting the entries from eldest to newest so their order is kept. */
    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        long[] oldLinks = links;
        int at = eldest;
        allocate(oldKeys.length * 2);
        eldest = NONE;
        newest = NONE;
        while (at != NONE) {
            int i = slot(oldKeys[at]);
            keys[i] = oldKeys[at];
            values[i] = oldValues[at];
            append(i);
            at = (int) oldLinks[at];
        }
    }
}
