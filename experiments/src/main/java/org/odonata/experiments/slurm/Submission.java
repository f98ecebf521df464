package org.odonata.experiments.slurm;

import java.nio.file.Path;
import java.util.List;

/**
 * One exp:submit: what its jobs run and where they write. Paths are absolute, on the filesystem the nodes share.
 *
 * @param experiment  the spec's name
 * @param shards      N, one array task per shard
 * @param launcher    the staged {@code odonata} launcher (beside its {@code bundles/dist/target/odonata.jar})
 * @param spec        the staged spec
 * @param sets        the {@code --set} overrides, in order
 * @param results     where the merged run goes ({@code --results})
 * @param dir         the submission's folder: job scripts, logs, and the shards under {@code EXPERIMENT/shards}
 * @param workDir     the folder the jobs start in (where exp:submit ran)
 * @param resources   partition, time limit, CPUs and memory per shard
 */
public record Submission(String experiment, int shards, Path launcher, Path spec, List<String> sets, Path results,
        Path dir, Path workDir, Resources resources) {

    /** What each job asks Slurm for; {@code null} (or 0 CPUs) leaves it to the cluster's defaults. */
    public record Resources(String partition, String time, int cpusPerTask, String mem) {
    }

    public Submission {
        sets = List.copyOf(sets);
    }

    /** The array job's script. */
    public Path arrayScript() {
        return dir.resolve("array.sbatch");
    }

    /** The merge job's script. */
    public Path mergeScript() {
        return dir.resolve("merge.sbatch");
    }

    /** Shard I's log (Slurm writes it, {@code %a} being the array task). */
    public Path shardLog(int index) {
        return dir.resolve("logs").resolve("shard-" + index + ".out");
    }

    public Path mergeLog() {
        return dir.resolve("logs").resolve("merge.out");
    }

    /** The folder the shards' folders are in ({@code exp:run --results DIR} puts them in DIR/EXPERIMENT/shards). */
    public Path shardsDir() {
        return dir.resolve(experiment).resolve("shards");
    }

    /** The merge's argument: every shard folder of this submission, {@code …/shards/*-of-N}. */
    public String shardGlob() {
        return shardsDir().resolve("*-of-" + shards).toString();
    }
}
