package org.odonata.experiments.run;

import java.util.List;

import org.odonata.experiments.spec.ResolvedConfig;

/**
 * A finished run: the configuration, every trial's result in canonical order, the digest over them and how
 * the host ran it (threads, seconds), which the digest does not depend on.
 */
public record ExperimentRun(ResolvedConfig config, List<TrialResult> results, String digest, int threads,
        double hostSeconds) {

    public ExperimentRun {
        results = List.copyOf(results);
    }

    public long failures() {
        return results.stream().filter(r -> !r.ok()).count();
    }

    /** Implementations ejected across all trials. */
    public long ejections() {
        return results.stream().mapToLong(TrialResult::ejections).sum();
    }
}
