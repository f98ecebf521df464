package org.odonata.fs.hammer.table;

import java.util.Arrays;

/**
 * A map from {@code long} keys to non-null values: open addressing with linear probing in a table at most half
 * full, backward-shift removal (no tombstones). Iteration is not offered, so no order leaks into callers. O(1)
 * expected per operation.
 */
public final class LongMap<V> {

    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private int size;

    /** The value at {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        return (V) values[slot(key)];
    }

    /** Sets {@code key}'s value (not null). */
    public void put(long key, V value) {
        int i = slot(key);
        if (values[i] == null) {
            keys[i] = key;
            values[i] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
        } else {
            values[i] = value;
        }
    }

    /** Removes {@code key}; returns its value or null. */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int hole = slot(key);
        V old = (V) values[hole];
        if (old == null) {
            return null;
        }
        int mask = keys.length - 1;
        for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            if (!LinearProbing.stays(hole, j, LinearProbing.home(keys[j], mask))) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        size--;
        return old;
    }

    public int size() {
        return size;
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private int slot(long key) {
        return LinearProbing.slot(keys, values, key);
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                int j = slot(oldKeys[i]);
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }
}
