package org.odonata.experiments.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.command.Interruptible;

import org.odonata.api.probe.ProbeService;
import org.odonata.api.probe.ProbeSession;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.TraceRequest;
import org.odonata.experiments.spec.Variant;
import org.odonata.experiments.spec.WorkloadSpec;

/**
 * Runs every trial of an experiment (points × variants × workloads × trials), each on a fresh machine and
 * kernel, on a pool of host threads. Results are stored by each trial's canonical position, so they and their
 * digest do not depend on the thread count or on which trial finishes first. Progress lines go to the given
 * consumer from the calling thread only (the shell's output belongs to it). A failing trial is recorded as
 * such and the others go on. When the user asks the command to stop ({@link Interruptible}, or the calling
 * thread is interrupted), the running trials stop at their next slice of virtual time and the run returns what
 * had finished, marked interrupted.
 */
public final class ExperimentRunner {

    private final Implementations impl;
    private final ProbeService probes;

    public ExperimentRunner(Implementations impl) {
        this(impl, null);
    }

    /** @param probes the probe bundle's service, for specs with {@code probes:}; null when it is not installed */
    public ExperimentRunner(Implementations impl, ProbeService probes) {
        this.impl = impl;
        this.probes = probes;
    }

    /** The trials of a configuration in canonical order. */
    public static List<Trial> plan(ResolvedConfig config) {
        List<Trial> trials = new ArrayList<>();
        for (int p = 0; p < config.points().size(); p++) {
            Spec point = config.points().get(p);
            for (Variant v : point.variants()) {
                for (WorkloadSpec w : v.workloads()) {
                    for (int i = 0; i < point.trials(); i++) {
                        trials.add(new Trial(trials.size(), p, point, v, w, i, Seeds.trial(point.seed(), i),
                                p == 0 && traced(point.trace(), v, w, i)));
                    }
                }
            }
        }
        return trials;
    }

    private static boolean traced(TraceRequest trace, Variant v, WorkloadSpec w, int trial) {
        return trace != null && trace.trial() == trial && trace.variant().equals(v.name())
                && trace.workload().equals(w.label());
    }

    /**
     * @param threads host threads; 0 for the number of available processors
     */
    public ExperimentRun run(ResolvedConfig config, int threads, Consumer<String> progressLines) {
        return run(config, threads, progressLines, plan(config));
    }

    /**
     * Runs only {@code trials}, some of the configuration's plan (a shard); the run holds their results in their
     * canonical order, and its digest covers them alone.
     */
    public ExperimentRun run(ResolvedConfig config, int threads, Consumer<String> progressLines, List<Trial> trials) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        n = Math.max(1, Math.min(n, trials.size()));
        if (!config.probes().isEmpty() && probes == null) {
            throw new IllegalArgumentException("the spec has probes: but no probe service is running (the bundle "
                    + "org.odonata.probe, in ./odonata's distribution)");
        }
        try (ProbeSession session = config.probes().isEmpty() ? null : probes.attach(config.probes())) {
            return run(config, trials, n, new TrialRunner(impl, session), progressLines);
        }
    }

    private ExperimentRun run(ResolvedConfig config, List<Trial> trials, int n, TrialRunner runner,
            Consumer<String> progressLines) {
        Progress progress = new Progress(trials.size(), progressLines);
        TrialResult[] results = new TrialResult[trials.size()];
        // a shard runs some of the plan: a trial's slot here is its index in trials, not its order in the plan
        Map<Integer, Integer> slot = new HashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            slot.put(trials.get(i).order(), i);
        }
        // virtual time each trial has reached; -1 before it starts
        AtomicLongArray reached = new AtomicLongArray(trials.size());
        IntStream.range(0, trials.size()).forEach(i -> reached.set(i, -1));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "odonata-trial");
            t.setDaemon(true);
            return t;
        });
        boolean interrupted = false;
        try {
            CompletionService<TrialResult> done = new ExecutorCompletionService<>(pool);
            for (Trial t : trials) {
                int i = slot.get(t.order());
                done.submit(() -> {
                    reached.set(i, 0);
                    TrialResult r = runner.run(t, v -> reached.set(i, v));
                    reached.set(i, -1);
                    return r;
                });
            }
            int finished = 0;
            int failed = 0;
            while (finished < trials.size()) {
                Future<TrialResult> f;
                try {
                    f = done.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
                if (f != null) {
                    TrialResult r = get(f);
                    results[slot.get(r.trial().order())] = r;
                    finished++;
                    if (r.failed()) {
                        failed++;
                        progressLines.accept("trial " + r.trial().label() + " failed: " + r.failure());
                    }
                }
                progress.update(finished, failed, () -> running(trials, reached));
                if (finished < trials.size() && Interruptible.stopping()) {
                    interrupted = true;
                    break;
                }
            }
            if (interrupted) {
                pool.shutdownNow();
                drain(pool, done, results, slot);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < trials.size(); i++) {
            if (results[i] == null) {
                results[i] = TrialResult.interrupted(trials.get(i), 0);
            }
        }
        List<TrialResult> list = Arrays.asList(results);
        return new ExperimentRun(config, list, Digest.of(list), n, progress.elapsedSeconds(), interrupted);
    }

    /** Keeps the results of trials that finish while the pool stops (each stops at its next slice). */
    private static void drain(ExecutorService pool, CompletionService<TrialResult> done, TrialResult[] results,
            Map<Integer, Integer> slot) {
        try {
            // a trial stuck inside one long event is left to finish on its daemon thread after this
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
        for (Future<TrialResult> f = done.poll(); f != null; f = done.poll()) {
            if (!f.isCancelled()) {
                TrialResult r = get(f);
                results[slot.get(r.trial().order())] = r;
            }
        }
    }

    private static TrialResult get(Future<TrialResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting a finished trial", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a trial escaped its failure handling: " + e.getCause(), e.getCause());
        }
    }

    /** {@code ; running: dfly/hackbench#0 t=1.2s of 10s, …} for the trials in progress. */
    private static String running(List<Trial> trials, AtomicLongArray reached) {
        String s = IntStream.range(0, trials.size()).filter(i -> reached.get(i) >= 0).limit(4)
                .mapToObj(i -> trials.get(i).label() + " t=" + VirtualDuration.format(reached.get(i)) + " of "
                        + VirtualDuration.format(trials.get(i).point().warmup() + trials.get(i).point().measure()))
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "" : "; running: " + s;
    }
}
