package org.odonata.experiments.shard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.Trial;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;

/**
 * Merges shard folders into the run they are parts of: checks that they ran the same spec with the same overrides
 * and bundles, that each is complete, that every shard 1..N is there once and holds exactly the trials the plan
 * gives it; then puts every trial at its canonical position, so the digest is the one a local run in one piece has.
 */
public final class ShardMerge {

    /** The merged run and what ran it (the shards' bundles; hosts and JDKs as the shards recorded them). */
    public record Merged(ExperimentRun run, RunEnvironment environment, int shards) {
    }

    private ShardMerge() {
    }

    /** @throws IllegalArgumentException one message naming the shard folder and what is wrong */
    public static Merged merge(List<Path> folders, Implementations impl) {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("exp:merge needs shard folders: exp:merge DIR... [--results DIR]");
        }
        Map<Path, ShardFolder.Manifest> manifests = new LinkedHashMap<>();
        for (Path f : folders) {
            ShardFolder.Manifest m = ShardFolder.manifest(f);
            if (!m.complete()) {
                throw new IllegalArgumentException(f + ": shard " + m.shard() + " is incomplete (its run did not "
                        + "finish); run it again: exp:run " + m.specFile() + " --shard " + m.shard());
            }
            manifests.put(f, m);
        }
        Path firstDir = folders.get(0);
        ShardFolder.Manifest first = manifests.get(firstDir);
        Map<Integer, Path> byIndex = new TreeMap<>();
        for (Path f : folders) {
            ShardFolder.Manifest m = manifests.get(f);
            sameRun(firstDir, first, f, m);
            Path twice = byIndex.put(m.shard().index(), f);
            if (twice != null) {
                throw new IllegalArgumentException("shard " + m.shard() + " is given twice: " + twice + " and " + f);
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= first.shard().count(); i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ",
                    missing.stream().map(i -> i + "/" + first.shard().count()).toList()) + " missing; given: "
                    + String.join(", ", byIndex.keySet().stream().map(i -> i + "/" + first.shard().count()).toList()));
        }
        ResolvedConfig config = new SpecReader(impl).read(Path.of(first.specFile()), first.specText(), first.sets());
        List<Trial> planned = ExperimentRunner.plan(config);
        int[] assigned = ShardPlan.assign(planned, first.shard().count(), impl);
        TrialResult[] results = new TrialResult[planned.size()];
        int threads = 0;
        double seconds = 0;
        Set<String> hosts = new HashSet<>();
        for (Map.Entry<Integer, Path> e : byIndex.entrySet()) {
            ShardFolder.Manifest m = manifests.get(e.getValue());
            List<Integer> expected = new ArrayList<>();
            for (Trial t : planned) {
                if (assigned[t.order()] == e.getKey()) {
                    expected.add(t.order());
                }
            }
            if (!expected.equals(m.trials())) {
                throw new IllegalArgumentException(e.getValue() + ": shard " + m.shard() + " lists trials "
                        + m.trials() + ", the plan gives it " + expected);
            }
            List<TrialResult> got = ShardFolder.trials(e.getValue(), planned);
            List<Integer> orders = got.stream().map(r -> r.trial().order()).toList();
            if (!orders.equals(expected)) {
                throw new IllegalArgumentException(e.getValue() + ": " + ShardFolder.TRIALS + " holds trials "
                        + orders + ", the shard ran " + expected);
            }
            got.forEach(r -> results[r.trial().order()] = r);
            threads = Math.max(threads, m.threads());
            seconds += m.hostSeconds();
            hosts.add(m.host() + ", " + m.jdk());
        }
        ExperimentRun run = ExperimentRun.of(config, List.of(results), threads, seconds);
        RunEnvironment env = new RunEnvironment(first.bundles(), first.shard().count() + " shards on "
                + String.join("; ", hosts.stream().sorted().toList()),
                first.jdk());
        return new Merged(run, env, first.shard().count());
    }

    /** Two shards of one run: same experiment, spec, overrides, shard count and bundles, or a message saying which. */
    private static void sameRun(Path aDir, ShardFolder.Manifest a, Path bDir, ShardFolder.Manifest b) {
        String diff = null;
        if (!a.experiment().equals(b.experiment())) {
            diff = "experiment " + a.experiment() + " vs " + b.experiment();
        } else if (!a.specText().equals(b.specText())) {
            diff = "the spec's text (" + a.specFile() + " vs " + b.specFile() + ")";
        } else if (!a.sets().equals(b.sets())) {
            diff = "--set overrides " + a.sets() + " vs " + b.sets();
        } else if (a.shard().count() != b.shard().count()) {
            diff = "shard counts " + a.shard().count() + " vs " + b.shard().count();
        } else {
            Map<String, String> ka = ShardFolder.bundleKeys(a.bundles());
            Map<String, String> kb = ShardFolder.bundleKeys(b.bundles());
            Set<String> names = new java.util.TreeSet<>(ka.keySet());
            names.addAll(kb.keySet());
            for (String n : names) {
                if (!java.util.Objects.equals(ka.get(n), kb.get(n))) {
                    diff = "bundle " + (ka.get(n) == null ? n + ": absent" : ka.get(n)) + " vs "
                            + (kb.get(n) == null ? "absent" : kb.get(n));
                    break;
                }
            }
        }
        if (diff != null) {
            throw new IllegalArgumentException("not shards of one run: " + aDir + " and " + bDir + " differ in "
                    + diff);
        }
    }
}
