package org.odonata.experiments.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.odonata.command.Args;

/**
 * exp:submit's arguments: {@code SPEC --slurm [--shards N] [--partition P] [--time T] [--cpus-per-task C] [--mem M]
 * [--set key=value]... [--results DIR] [--dry-run] [--wait]}, or {@code --resume DIR [--wait]}.
 */
public record SubmitArgs(Path spec, Path resume, int shards, Submission.Resources resources, List<String> sets,
        Path results, boolean dryRun, boolean follow) {

    public static final String USAGE = "exp:submit SPEC.yaml --slurm [--shards N] [--partition P] [--time T] "
            + "[--cpus-per-task C] [--mem M] [--set key=value]... [--results DIR] [--dry-run] [--wait] | "
            + "exp:submit --resume DIR [--wait]";

    /** Shards when {@code --shards} is not given. */
    static final int DEFAULT_SHARDS = 4;
    static final int MAX_SHARDS = 10_000;

    public SubmitArgs {
        sets = List.copyOf(sets);
    }

    /** @throws IllegalArgumentException naming the argument that is wrong and showing the usage */
    public static SubmitArgs parse(String[] args, Path defaultResults) {
        Path spec = null;
        Path resume = null;
        boolean slurm = false;
        int shards = DEFAULT_SHARDS;
        String partition = null;
        String time = null;
        int cpus = 0;
        String mem = null;
        List<String> sets = new ArrayList<>();
        Path results = defaultResults;
        boolean dryRun = false;
        boolean wait = false;
        boolean submitOption = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--slurm" -> slurm = true;
                case "--resume" -> resume = Path.of(value(args, ++i, a, "the submission's folder exp:submit printed"));
                case "--shards" -> shards = Args.count(a, value(args, ++i, a, "a number of shards"), 1, MAX_SHARDS);
                case "--partition" -> partition = directive(a, value(args, ++i, a, "a Slurm partition"));
                case "--time" -> time = directive(a, value(args, ++i, a, "a time limit per shard, e.g. 1:00:00"));
                case "--cpus-per-task" -> cpus = Args.count(a, value(args, ++i, a, "CPUs per shard"), 1, 4096);
                case "--mem" -> mem = directive(a, value(args, ++i, a, "memory per shard, e.g. 8G"));
                case "--set" -> sets.add(value(args, ++i, a, "key=value, e.g. --set trials=40"));
                case "--results" -> results = Path.of(value(args, ++i, a, "a folder on the shared filesystem"));
                case "--dry-run" -> dryRun = true;
                case "--wait" -> wait = true;
                default -> {
                    if (a.startsWith("--") || spec != null) {
                        throw new IllegalArgumentException("exp:submit: unexpected '" + a + "'; usage: " + USAGE);
                    }
                    spec = Path.of(a);
                }
            }
            submitOption |= !a.equals("--resume") && !a.equals("--wait");
        }
        if (resume != null) {
            if (submitOption) {
                throw new IllegalArgumentException("exp:submit --resume DIR takes only --wait (the submission keeps "
                        + "its spec and options); usage: " + USAGE);
            }
            return new SubmitArgs(null, resume, 0, null, List.of(), null, false, wait);
        }
        if (spec == null) {
            throw new IllegalArgumentException("exp:submit needs a spec file; usage: " + USAGE);
        }
        if (!slurm) {
            throw new IllegalArgumentException("exp:submit needs --slurm (the one batch system it submits to); "
                    + "usage: " + USAGE);
        }
        if (dryRun && wait) {
            throw new IllegalArgumentException("exp:submit: --dry-run submits nothing, so there is nothing to --wait "
                    + "for");
        }
        return new SubmitArgs(spec, null, shards, new Submission.Resources(partition, time, cpus, mem), sets,
                results, dryRun, wait);
    }

    private static String directive(String option, String value) {
        JobScripts.checkDirectiveValue(option, value);
        return value;
    }

    private static String value(String[] args, int i, String option, String expected) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value: " + expected);
        }
        return args[i];
    }
}
