package org.odonata.fs.hammer.table;

/** The probing rules shared by the open-addressed tables ({@link LongMap}, the block caches' LRU). */
public final class LinearProbing {

    private LinearProbing() {
    }

    /** The slot a key's probe run starts at, in a table of {@code mask + 1} slots (a power of two). */
    public static int home(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    /**
     * The slot holding {@code key} in a table whose empty slots have a null value, or the empty slot where it would
     * go.
     */
    public static int slot(long[] keys, Object[] values, long key) {
        int mask = keys.length - 1;
        int i = home(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /**
     * Backward-shift removal: whether the entry at slot {@code j}, whose home is {@code home}, stays where it is
     * when slot {@code hole} before it in the probe run empties (true unless its home lies cyclically outside
     * {@code (hole, j]}, in which case it moves into the hole).
     */
    public static boolean stays(int hole, int j, int home) {
        return hole <= j ? hole < home && home <= j : hole < home || home <= j;
    }
}
