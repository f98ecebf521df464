package org.odonata.hw.x86.coherence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.LineState;

/**
 * One line's value, where it is cached and when its last booked transfer ends: one owner (E/M) or a set of
 * sharers (S), never both. Guarantee: {@code owner >= 0} implies no sharers, and sharers, when present, are at
 * least two (a line becomes shared only by being copied from a holder, and no cache ever evicts it); transfers
 * are booked back to back, never overlapping. Cost: membership tests, updates and bookings are O(1); the bitset
 * takes ceil(cpus / 64) words per line.
 */
final class Line implements CacheLine {

    final CoherenceModel model;
    private final String name;
    private final int homeNode;

    long value;
    int owner = -1;
    private final long[] sharers;
    private int sharerCount;
    /** Virtual time, in cycles, at which the last transfer booked on this line completes. */
    private long busyUntil;
    /** Spinning threads in registration order; null while nobody spins (the common case). */
    List<CoherenceModel.Waiter> waiters;

    Line(CoherenceModel model, String name, int homeNode, long value, int cpus) {
        this.model = model;
        this.name = name;
        this.homeNode = homeNode;
        this.value = value;
        this.sharers = new long[(cpus + 63) >>> 6];
    }

    boolean isSharer(int cpu) {
        return (sharers[cpu >>> 6] & 1L << cpu) != 0;
    }

    boolean holds(int cpu) {
        return owner == cpu || isSharer(cpu);
    }

    void addSharer(int cpu) {
        int w = cpu >>> 6;
        long bit = 1L << cpu;
        if ((sharers[w] & bit) == 0) {
            sharers[w] |= bit;
            sharerCount++;
        }
    }

    int sharerCount() {
        return sharerCount;
    }

    void clearSharers() {
        if (sharerCount != 0) {
            Arrays.fill(sharers, 0L);
            sharerCount = 0;
        }
    }

    /** The cheapest cost from {@code cpu} over the sharers other than {@code cpu}. */
    long minCost(CostLevels levels, int cpu) {
        return levels.cheapest(cpu, sharers);
    }

    /** The dearest cost from {@code cpu} over the sharers other than {@code cpu}, or -1 if there are none. */
    long maxCost(CostLevels levels, int cpu) {
        return levels.dearest(cpu, sharers);
    }

    /**
     * Books a transfer of {@code cost} cycles requested at cycle {@code at}: it starts once every transfer booked
     * before it has completed. Returns the cycles the requester waits for those.
     */
    long book(long at, long cost) {
        long start = Math.max(at, busyUntil);
        busyUntil = start + cost;
        return start - at;
    }

    /** When the last booked transfer completes, in cycles of virtual time. */
    long busyUntil() {
        return busyUntil;
    }

    /** Frees the line from {@code mark} on: the bookings after it overlap what is booked next. */
    void rewind(long mark) {
        busyUntil = mark;
    }

    void addWaiter(CoherenceModel.Waiter w) {
        if (waiters == null) {
            waiters = new ArrayList<>(4);
        }
        waiters.add(w);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int homeNode() {
        return homeNode;
    }

    @Override
    public long peek() {
        return value;
    }

    @Override
    public LineState stateAt(int cpu) {
        return owner == cpu ? LineState.MODIFIED : isSharer(cpu) ? LineState.SHARED : LineState.INVALID;
    }

    @Override
    public String toString() {
        return "line " + name + " = " + value;
    }
}
