package org.odonata.experiments.shard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.Trial;

/**
 * Which shard runs which trial: a deterministic assignment from the trials' canonical order alone (their stable
 * keys: point, variant, workload, trial index), so every node computes the same one. It balances the expected cost,
 * not the count: a trial costs its simulated CPU time, (warm-up + window) × the machine's CPUs, and the trials go,
 * dearest first (ties in canonical order), each to the shard with the least cost so far (ties to the lowest
 * index): Graham's longest-processing-time rule, within 4/3 of the best makespan.
 */
public final class ShardPlan {

    private ShardPlan() {
    }

    /** The expected cost of a trial: simulated CPU-nanoseconds. */
    static long cost(Trial t, Implementations impl) {
        return (t.point().warmup() + t.point().measure()) * impl.topology(t.variant().machine()).cpuCount();
    }

    /** The shard (1 to {@code count}) of each trial, indexed by its canonical order. */
    public static int[] assign(List<Trial> trials, int count, Implementations impl) {
        long[] cost = new long[trials.size()];
        for (Trial t : trials) {
            cost[t.order()] = cost(t, impl);
        }
        List<Trial> dearestFirst = new ArrayList<>(trials);
        dearestFirst.sort(Comparator.<Trial>comparingLong(t -> -cost[t.order()]).thenComparingInt(Trial::order));
        long[] load = new long[count];
        int[] shard = new int[trials.size()];
        for (Trial t : dearestFirst) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            load[least] += cost[t.order()];
            shard[t.order()] = least + 1;
        }
        return shard;
    }

    /** The trials of {@code shard}, in canonical order. */
    public static List<Trial> select(List<Trial> trials, Shard shard, Implementations impl) {
        int[] of = assign(trials, shard.count(), impl);
        return trials.stream().filter(t -> of[t.order()] == shard.index()).toList();
    }
}
