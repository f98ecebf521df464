package org.odonata.fs.hammer.crash;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * Every disk a power cut could leave after a recorded workload, under a volatile write cache.
 * <p>
 * The log splits at each flush into epochs. A cut in epoch {@code j}, after its first {@code t} operations,
 * leaves every write of earlier epochs, every FUA write among those {@code t} (durable at completion), and
 * any subset of their non-FUA writes (the cache may have destaged any of them, in any order); kept writes
 * apply in log order, so of two overlapping writes the later one wins only if it was kept. A cut that loses
 * the last write before it is the same disk as a cut one operation earlier, so only states whose last
 * operation survived are generated: two unordered writes in one epoch give exactly 4 states.
 * <p>
 * An epoch with at most {@link Sampling#exhaustiveLimit()} states is enumerated exhaustively. A larger one
 * is sampled: every in-order prefix, every single lost write at the epoch's end, then seeded random subsets
 * until the epoch has {@link Sampling#sampleSize()} states; {@link #summary()} says which happened.
 * <p>
 * Cost: the plan holds a bit set per state; each state's image is built only when iterated, as a small
 * overlay (see {@link DiskImage}) over the epoch's durable image, which is built once per epoch.
 */
public final class CrashStates implements Iterable<CrashState> {

    /**
     * When to enumerate an epoch and how to bound one too large for that.
     *
     * @param exhaustiveLimit epochs with at most this many states are enumerated exhaustively
     * @param sampleSize      states to keep from a larger epoch (at least its prefixes and single losses)
     * @param seed            seed of the random subsets, mixed with the epoch number
     */
    public record Sampling(int exhaustiveLimit, int sampleSize, long seed) {

        /** Exhaustive up to 2^10 states (ten unordered writes), else 2^10 sampled. */
        public static final Sampling DEFAULT = new Sampling(1 << 10, 1 << 10, 0x0D0_A7A);
    }

    /** Operations {@code [start, end)} of the log between two flushes, over the disk as of {@code start}. */
    private record Epoch(int index, int start, int end, DiskImage durable) {
    }

    /** One state to build: a cut after {@code length} operations of {@code epoch}, keeping {@code kept}. */
    private record Plan(Epoch epoch, int length, BitSet kept) {
    }

    private final List<PersistOp> log;
    private final List<Plan> plans = new ArrayList<>();
    private final List<String> sampledEpochs = new ArrayList<>();
    private final Sampling sampling;
    private int epochCount;

    private CrashStates(List<PersistOp> log, Sampling sampling) {
        this.log = log;
        this.sampling = sampling;
    }

    /** Plans the crash states of {@code log} recorded over {@code initial}. */
    public static CrashStates of(DiskImage initial, List<PersistOp> log, Sampling sampling) {
        CrashStates states = new CrashStates(List.copyOf(log), Objects.requireNonNull(sampling, "sampling"));
        states.plan(initial.compact());
        return states;
    }

    /** Number of crash states. */
    public int size() {
        return plans.size();
    }

    /** Whether every epoch was enumerated exhaustively. */
    public boolean exhaustive() {
        return sampledEpochs.isEmpty();
    }

    /** One line: how many states, over how many epochs, and whether and where they were sampled. */
    public String summary() {
        String head = plans.size() + " crash states over " + epochCount + " flush epochs of " + log.size()
                + " logged ops";
        if (exhaustive()) {
            return head + ", exhaustive";
        }
        return head + ", sampled (seed " + sampling.seed() + ", at most " + sampling.sampleSize()
                + " states per large epoch: in-order prefixes, single lost writes, random subsets): "
                + String.join("; ", sampledEpochs);
    }

    /** Builds each state's image as it is reached; nothing is retained between states. */
    @Override
    public Iterator<CrashState> iterator() {
        Iterator<Plan> it = plans.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public CrashState next() {
                return build(it.next());
            }
        };
    }

    private void plan(DiskImage initial) {
        DiskImage durable = initial;
        int start = 0;
        for (int i = 0; i <= log.size(); i++) {
            if (i == log.size() || log.get(i) instanceof PersistOp.Flush) {
                Epoch epoch = new Epoch(epochCount++, start, i, durable);
                planEpoch(epoch);
                durable = durable.with(writes(start, i));
                start = i + 1;
            }
        }
    }

    private void planEpoch(Epoch epoch) {
        List<Integer> unordered = unorderedWrites(epoch.start(), epoch.end());
        long count = exhaustiveCount(epoch);
        if (count <= sampling.exhaustiveLimit()) {
            enumerate(epoch);
        } else {
            sample(epoch, unordered, count);
        }
    }

    /** States of one epoch, saturating at {@code Long.MAX_VALUE}; the first state is the previous epoch's last. */
    private long exhaustiveCount(Epoch epoch) {
        long count = epoch.index() == 0 ? 1 : 0;
        int seen = 0;
        for (int t = 1; t <= epoch.end() - epoch.start(); t++) {
            boolean lastUnordered = isUnordered(epoch.start() + t - 1);
            if (lastUnordered) {
                seen++;
            }
            int free = lastUnordered ? seen - 1 : seen;
            count = free >= 62 ? Long.MAX_VALUE : saturatingAdd(count, 1L << free);
        }
        return count;
    }

    private void enumerate(Epoch epoch) {
        if (epoch.index() == 0) {
            plans.add(new Plan(epoch, 0, new BitSet()));
        }
        List<Integer> seen = new ArrayList<>();
        for (int t = 1; t <= epoch.end() - epoch.start(); t++) {
            int last = epoch.start() + t - 1;
            boolean lastUnordered = isUnordered(last);
            int free = seen.size();
            for (int mask = 0; mask < 1 << free; mask++) {
                BitSet kept = new BitSet();
                for (int b = 0; b < free; b++) {
                    if ((mask & 1 << b) != 0) {
                        kept.set(seen.get(b));
                    }
                }
                if (lastUnordered) {
                    kept.set(last);
                }
                plans.add(new Plan(epoch, t, kept));
            }
            if (lastUnordered) {
                seen.add(last);
            }
        }
    }

    private void sample(Epoch epoch, List<Integer> unordered, long count) {
        int length = epoch.end() - epoch.start();
        Set<Plan> chosen = new LinkedHashSet<>();
        for (int t = 0; t <= length; t++) {
            addCanonical(chosen, epoch, t, prefixWrites(epoch, t));
        }
        for (int lost : unordered) {
            BitSet kept = prefixWrites(epoch, length);
            kept.clear(lost);
            addCanonical(chosen, epoch, length, kept);
        }
        SplittableRandom random = new SplittableRandom(sampling.seed() ^ 0x9E3779B97F4A7C15L * (epoch.index() + 1));
        for (int attempt = 0; chosen.size() < sampling.sampleSize()
                && attempt < 8 * sampling.sampleSize(); attempt++) {
            int t = 1 + random.nextInt(length);
            BitSet kept = new BitSet();
            for (int i = epoch.start(); i < epoch.start() + t; i++) {
                if (isUnordered(i) && (i == epoch.start() + t - 1 || random.nextBoolean())) {
                    kept.set(i);
                }
            }
            addCanonical(chosen, epoch, t, kept);
        }
        plans.addAll(chosen);
        sampledEpochs.add("epoch " + epoch.index() + " (" + unordered.size() + " unordered writes, "
                + (count == Long.MAX_VALUE ? "more than 2^62" : Long.toString(count)) + " states) sampled to "
                + chosen.size());
    }

    /**
     * Adds the state with the shortest prefix that leaves the same disk: trailing lost writes are dropped,
     * since the cut makes them invisible. An empty prefix of a later epoch is the previous epoch's complete
     * state, which that epoch already holds, so it is not added again.
     */
    private void addCanonical(Set<Plan> chosen, Epoch epoch, int length, BitSet kept) {
        int t = length;
        while (t > 0 && isUnordered(epoch.start() + t - 1) && !kept.get(epoch.start() + t - 1)) {
            t--;
        }
        if (t > 0 || epoch.index() == 0) {
            chosen.add(new Plan(epoch, t, kept));
        }
    }

    private BitSet prefixWrites(Epoch epoch, int length) {
        BitSet all = new BitSet();
        for (int i = epoch.start(); i < epoch.start() + length; i++) {
            if (isUnordered(i)) {
                all.set(i);
            }
        }
        return all;
    }

    private CrashState build(Plan plan) {
        Epoch epoch = plan.epoch();
        int point = epoch.start() + plan.length();
        List<PersistOp.Write> applied = new ArrayList<>();
        for (int i = epoch.start(); i < point; i++) {
            if (log.get(i) instanceof PersistOp.Write w && (w.fua() || plan.kept().get(i))) {
                applied.add(w);
            }
        }
        return new CrashState(point, epoch.index(), epoch.start(), prefixWrites(epoch, plan.length()),
                (BitSet) plan.kept().clone(), epoch.durable().with(applied));
    }

    private List<Integer> unorderedWrites(int start, int end) {
        List<Integer> result = new ArrayList<>();
        for (int i = start; i < end; i++) {
            if (isUnordered(i)) {
                result.add(i);
            }
        }
        return result;
    }

    private List<PersistOp.Write> writes(int start, int end) {
        List<PersistOp.Write> result = new ArrayList<>();
        for (PersistOp op : log.subList(start, end)) {
            if (op instanceof PersistOp.Write w) {
                result.add(w);
            }
        }
        return result;
    }

    private boolean isUnordered(int index) {
        return log.get(index) instanceof PersistOp.Write w && !w.fua();
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
