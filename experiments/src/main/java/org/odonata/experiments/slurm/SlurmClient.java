package org.odonata.experiments.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's client commands ({@code sbatch}, {@code squeue}, {@code scontrol}, {@code sacct}, {@code scancel}), run
 * as processes; a command that is not installed is one line saying what to install.
 */
public class SlurmClient {

    private final String path;

    /** Slurm's commands as this process's PATH finds them. */
    public SlurmClient() {
        this(System.getenv("PATH"));
    }

    /** Slurm's commands as {@code path} (a PATH value) finds them. */
    SlurmClient(String path) {
        this.path = path;
    }

    /** What ran and what it printed. */
    record Output(int status, String out, String err) {
    }

    /** Whether {@code program} is on the PATH. */
    public boolean installed(String program) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalStateException in one line naming the missing command and the package that has it */
    public void require(String... programs) {
        for (String p : programs) {
            if (!installed(p)) {
                throw new IllegalStateException(p + " not found on the PATH: exp:submit --slurm needs Slurm's client "
                        + "commands (sbatch, squeue, scontrol, scancel); install them (Debian/Ubuntu: apt-get install "
                        + "slurm-client) or load your cluster's Slurm module, or use --dry-run to only write the "
                        + "scripts");
            }
        }
    }

    /** Submits a script; returns the job id ({@code sbatch --parsable} prints {@code ID} or {@code ID;CLUSTER}). */
    public long submit(Path script, List<String> options) {
        require("sbatch");
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(options);
        cmd.add(script.toString());
        Output o = run(cmd);
        if (o.status() != 0) {
            throw new IllegalStateException("sbatch refused " + script + ": " + firstLine(o.err(), o.out()));
        }
        String id = o.out().strip().split(";")[0];
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("sbatch printed '" + o.out().strip() + "', not a job id");
        }
    }

    /** The jobs and array tasks of {@code jobs} still in the queue (finished ones are gone from squeue). */
    public List<JobState> queue(List<Long> jobs) {
        require("squeue");
        Output o = run(List.of("squeue", "-h", "-r", "-j", ids(jobs), "-o", JobState.SQUEUE_FORMAT));
        if (o.status() != 0) {
            // squeue refuses ids the controller has forgotten: nothing of them is queued
            if (o.err().contains("Invalid job id")) {
                return List.of();
            }
            throw new IllegalStateException("squeue failed: " + firstLine(o.err(), o.out()));
        }
        return JobState.squeue(o.out());
    }

    /**
     * How the tasks of a job ended: from {@code scontrol} while the controller remembers the job, else from
     * {@code sacct} if the cluster keeps accounting; empty when neither knows.
     */
    public List<JobState> ended(long job) {
        if (installed("scontrol")) {
            Output o = run(List.of("scontrol", "-o", "show", "job", Long.toString(job)));
            if (o.status() == 0) {
                return JobState.scontrol(o.out());
            }
        }
        if (installed("sacct")) {
            Output o = run(List.of("sacct", "-n", "-P", "-j", Long.toString(job), "-o", JobState.SACCT_FIELDS));
            if (o.status() == 0) {
                return JobState.sacct(o.out());
            }
        }
        return List.of();
    }

    public void cancel(long job) {
        require("scancel");
        Output o = run(List.of("scancel", Long.toString(job)));
        if (o.status() != 0) {
            throw new IllegalStateException("scancel " + job + " failed: " + firstLine(o.err(), o.out()));
        }
    }

    private static String ids(List<Long> jobs) {
        return String.join(",", jobs.stream().map(String::valueOf).toList());
    }

    private static String firstLine(String err, String out) {
        String text = err.isBlank() ? out : err;
        return text.strip().lines().findFirst().orElse("(no message)");
    }

    Output run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            byte[] err;
            byte[] out;
            try (var e = p.getErrorStream(); var o = p.getInputStream()) {
                // Slurm's commands print little: read stdout, then stderr
                out = o.readAllBytes();
                err = e.readAllBytes();
            }
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " did not answer within 2 minutes");
            }
            return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(cmd.get(0) + " could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(cmd.get(0) + " was interrupted");
        }
    }
}
