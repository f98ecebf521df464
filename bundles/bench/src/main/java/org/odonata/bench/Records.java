package org.odonata.bench;

/**
 * A versioned store of fixed-size records under 32-bit keys, as {@link HammerBench} compares them: the
 * operations both HAMMER's B-tree and H2's MVStore offer, with a commit that makes a version durable.
 */
interface Records extends AutoCloseable {

    /** Adds (or, with {@code replace}, supersedes) the record of {@code key}; durable at the next commit. */
    void put(long key, byte[] value, boolean replace);

    /** Makes everything put so far durable; returns the version (TID) that sees it. */
    long commit();

    /** Reads the current record of {@code key}, handing its bytes to {@code check}; returns what that returns. */
    long get(long key, ValueCheck check);

    /** Reads the record of {@code key} as of a version {@link #commit} returned, as {@link #get} does. */
    long getAsOf(long key, long version, ValueCheck check);

    /** Reads {@code n} records in key order from the first key ≥ {@code from}, each as {@link #get}; returns the sum. */
    long scan(long from, int n, ValueCheck check);

    @Override
    void close();
}
