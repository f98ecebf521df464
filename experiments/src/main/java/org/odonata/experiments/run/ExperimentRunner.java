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
import java.util.function.Consumer;

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
 * such and the others go on.
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
        Map<Integer, Integer> slot = new HashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            slot.put(trials.get(i).order(), i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "odonata-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<TrialResult> done = new ExecutorCompletionService<>(pool);
            for (Trial t : trials) {
                done.submit(() -> runner.run(t));
            }
            int failed = 0;
            for (int k = 0; k < trials.size(); k++) {
                Future<TrialResult> f = done.take();
                TrialResult r = f.get();
                results[slot.get(r.trial().order())] = r;
                if (!r.ok()) {
                    failed++;
                    progressLines.accept("trial " + r.trial().label() + " failed: " + r.failure());
                }
                progress.done(k + 1, failed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after some trials; no results written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a trial escaped its failure handling", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<TrialResult> list = Arrays.asList(results);
        return new ExperimentRun(config, list, Digest.of(list), n, progress.elapsedSeconds());
    }
}
