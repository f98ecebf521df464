package org.odonata.experiments.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two batch scripts of a submission: a job array, one task per shard, each running the staged launcher with
 * {@code exp:run SPEC --shard $SLURM_ARRAY_TASK_ID/N}; and the merge job, submitted with
 * {@code --dependency=afterok:ARRAYJOB}, running {@code exp:merge} on the shard folders.
 */
public final class JobScripts {

    private JobScripts() {
    }

    /** The job array's script; {@code sbatch --array=LIST} on the command line replaces its {@code --array}. */
    public static String array(Submission s) {
        StringBuilder b = header(s, "odonata-" + s.experiment(), s.dir().resolve("logs").resolve("shard-%a.out"));
        b.append("#SBATCH --array=1-").append(s.shards()).append('\n');
        b.append("# shard I of ").append(s.shards()).append(" of ").append(s.spec().getFileName())
                .append(" (array task I); the shard folder says complete: true once every trial is written\n");
        b.append("set -euo pipefail\n");
        List<String> cmd = new ArrayList<>(List.of("bash", s.launcher().toString(), "run", s.spec().toString()));
        s.sets().forEach(set -> cmd.addAll(List.of("--set", set)));
        cmd.addAll(List.of("--results", s.dir().toString()));
        b.append("exec ").append(String.join(" ", cmd.stream().map(JobScripts::quote).toList()))
                .append(" --threads \"${SLURM_CPUS_PER_TASK:-1}\" --shard \"$SLURM_ARRAY_TASK_ID/")
                .append(s.shards()).append("\"\n");
        return b.toString();
    }

    /** The merge job's script, to submit with {@code --dependency=afterok:ARRAYJOB}. */
    public static String merge(Submission s) {
        StringBuilder b = header(s, "odonata-" + s.experiment() + "-merge", s.mergeLog());
        b.append("# submitted with --dependency=afterok:<the array job>: runs once every shard succeeded\n");
        b.append("set -euo pipefail\n");
        String command = "exp:merge " + gogo(s.shardGlob()) + " --results " + gogo(s.results().toString());
        b.append("exec ").append(quote("bash")).append(' ').append(quote(s.launcher().toString())).append(" -c ")
                .append(quote(command)).append('\n');
        return b.toString();
    }

    private static StringBuilder header(Submission s, String name, Path log) {
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        b.append("# written by exp:submit; nodes need only a JDK 25 (the staged launcher finds it as ./odonata does)\n");
        b.append("#SBATCH --job-name=").append(name).append('\n');
        b.append("#SBATCH --output=").append(log).append('\n');
        // a resubmitted shard adds to its log: the failed attempt's last lines stay above the new ones
        b.append("#SBATCH --open-mode=append\n");
        b.append("#SBATCH --chdir=").append(s.workDir()).append('\n');
        Submission.Resources r = s.resources();
        if (r.partition() != null) {
            b.append("#SBATCH --partition=").append(r.partition()).append('\n');
        }
        if (r.time() != null) {
            b.append("#SBATCH --time=").append(r.time()).append('\n');
        }
        if (r.cpusPerTask() > 0) {
            b.append("#SBATCH --cpus-per-task=").append(r.cpusPerTask()).append('\n');
        }
        if (r.mem() != null) {
            b.append("#SBATCH --mem=").append(r.mem()).append('\n');
        }
        return b;
    }

    /** A word for bash: single-quoted unless it is plainly safe. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A word for Gogo (exp:merge's arguments): single-quoted; Gogo has no escape inside single quotes. */
    private static String gogo(String word) {
        if (word.contains("'") || word.contains("\n")) {
            throw new IllegalArgumentException("exp:submit: the path " + word + " holds a quote or a line break, "
                    + "which the merge job's command line cannot carry; use --results with a plainer path");
        }
        return "'" + word + "'";
    }

    /**
     * Checks what {@code #SBATCH} lines carry whole: a value with a line break or a space (sbatch splits them)
     * would change the script.
     */
    static void checkDirectiveValue(String option, String value) {
        if (value != null && (value.isBlank() || value.chars().anyMatch(c -> c == '\n' || c == ' ' || c == '\t'))) {
            throw new IllegalArgumentException(option + " '" + value + "': a Slurm value without spaces or line "
                    + "breaks");
        }
    }
}
