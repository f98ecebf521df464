package org.odonata.experiments.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.SpecBundle;
import org.odonata.experiments.spec.Variant;
import org.odonata.experiments.spec.WorkloadSpec;

/**
 * Makes a submission's folder, {@code RESULTS/.slurm/EXPERIMENT-yyyyMMdd-HHmmss}: stages the distribution and the
 * spec with its files, writes the job scripts, then prints them ({@code --dry-run}) or submits them.
 */
public final class SubmissionFolder {

    /** The system property {@code ./odonata} sets to its own folder: where the distribution is. */
    public static final String HOME = "odonata.home";

    /** Workload types whose first argument is a file the spec names. */
    private static final Set<String> FILE_WORKLOADS = Set.of("rt-app", "fio", "memtrace");

    private SubmissionFolder() {
    }

    public static String submit(SubmitArgs a, ResolvedConfig config, List<SpecBundle> bundles, SlurmSubmit slurm)
            throws IOException {
        String home = System.getProperty(HOME);
        if (home == null) {
            throw new IllegalArgumentException("exp:submit stages the distribution ./odonata runs, but this JVM was "
                    + "not started by ./odonata (no -D" + HOME + "); start Odonata with ./odonata");
        }
        Path results = a.results().toAbsolutePath().normalize();
        Path workDir = Path.of("").toAbsolutePath();
        Path dir = newFolder(results.resolve(".slurm"), config.name());
        for (Path p : List.of(results, workDir, dir)) {
            JobScripts.checkDirectiveValue("the folder", p.toString());
        }
        Staging.Distribution dist = Staging.distribution(Path.of(home), results);
        Staging.StagedSpec staged = Staging.spec(a.spec(), files(config, bundles), dir.resolve("files"));
        Submission s = new Submission(config.name(), a.shards(), dist.launcher(), staged.spec(), a.sets(), results,
                dir, workDir, a.resources());
        SlurmSubmit.writeScripts(s);
        SubmitRecord record = new SubmitRecord(s, dist, staged.sha256(), List.of());
        record.write();
        String note = a.shards() > config.trialCount() ? "note: " + a.shards() + " shards for " + config.trialCount()
                + " trials: the extra shards run no trial\n" : "";
        if (a.dryRun()) {
            return note + SlurmSubmit.dryRun(s);
        }
        return note + "experiment " + config.name() + ": " + config.trialCount() + " trials in " + a.shards()
                + " shards; distribution staged in " + dist.launcher().getParent() + " (odonata.jar sha256 "
                + dist.jarSha256() + ")\n" + slurm.submit(record, a.follow());
    }

    /** The bundle jars, topology files and workload files the spec names, once each. */
    static List<Path> files(ResolvedConfig config, List<SpecBundle> bundles) {
        Set<Path> out = new LinkedHashSet<>();
        bundles.stream().filter(b -> b.jar() != null).forEach(b -> out.add(b.jar()));
        for (Spec point : config.points()) {
            for (Variant v : point.variants()) {
                if (v.machine() != null && v.machine().topologyFile() != null) {
                    out.add(v.machine().topologyFile());
                }
                for (WorkloadSpec w : v.workloads()) {
                    if (FILE_WORKLOADS.contains(w.type()) && !w.args().isEmpty()) {
                        out.add(Path.of(w.args().get(0)));
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** A new folder named after the experiment and the host's clock (a name, not a measurement). */
    private static Path newFolder(Path parent, String experiment) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(parent);
        for (int n = 1;; n++) {
            Path dir = parent.resolve(experiment + "-" + stamp + (n == 1 ? "" : "-" + n));
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // two submissions within a second: the next suffix
            }
        }
    }
}
