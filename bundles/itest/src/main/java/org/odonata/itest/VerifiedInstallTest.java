package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The bundle verifier on the paths a researcher installs through: {@code repo:install} from an R5 index and a
 * spec's {@code bundles:}. A scheduler bundle that reads the host clock is refused before the framework sees it, the
 * message naming the class, the method and the bytecode offset; with {@code --unsafe} it is installed, runs, and
 * what was allowed is recorded ({@code repo:bundles}, config.json, report.md).
 */
class VerifiedInstallTest {

    /** Picks a CPU from the host clock: the violation. */
    public static final class HostClockScheduler extends DsqScheduler<Entity> {
        @Override
        public int selectCpu(SchedThread t, int wakerCpu) {
            return (int) (System.nanoTime() % ncpus);
        }
    }

    /** Registers the scheduler as {@code hostclock}. */
    public static final class HostClockFactory implements UserSchedulerFactory {
        @Override
        public String name() {
            return "hostclock";
        }

        @Override
        public String description() {
            return "reads the host clock (the integration tests' bundle the verifier refuses)";
        }

        @Override
        public UserScheduler create() {
            return new HostClockScheduler();
        }
    }

    /** Registers the factory when the bundle starts, as a third party's bundle would (here without DS). */
    public static final class HostClockActivator implements BundleActivator {
        @Override
        public void start(BundleContext context) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("name", "hostclock");
            context.registerService(UserSchedulerFactory.class, new HostClockFactory(), props);
        }

        @Override
        public void stop(BundleContext context) {
            // the framework unregisters the service
        }
    }

    /** The violation as the verifier reports it: class, method with descriptor, bytecode offset, rule, call. */
    private static final Pattern VIOLATION = Pattern.compile(Pattern.quote(HostClockScheduler.class.getName()
            + ".selectCpu(Lorg/odonata/api/sched/SchedThread;I)I@") + "\\d+: host-clock — "
            + Pattern.quote("java.lang.System.nanoTime()J"));

    /** The scheduler bundle; each test names it differently, so its jar (and SHA-256) is its own. */
    private static Path hostClockJar(Path dir, String symbolicName) throws Exception {
        return TestBundles.jar(dir.resolve(symbolicName + ".jar"), symbolicName, Map.of(
                "Import-Package", "org.odonata.api.sched,org.odonata.api.sched.kit,org.osgi.framework",
                "Bundle-Activator", HostClockActivator.class.getName()),
                HostClockScheduler.class, HostClockFactory.class, HostClockActivator.class);
    }

    private static Optional<Bundle> installed(String symbolicName) {
        return Arrays.stream(Framework.context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst();
    }

    @Test
    void repoInstallRefusesABundleThatReadsTheHostClockNamingWhereAndInstallsItWithUnsafe(@TempDir Path dir)
            throws Exception {
        String name = "edu.example.hostclock.repo";
        Path jar = hostClockJar(dir, name);
        Path index = Files.writeString(dir.resolve("index.xml"), """
                <repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0" name="hostclock">
                  <resource>
                    <capability namespace="osgi.identity">
                      <attribute name="osgi.identity" value="%s"/>
                      <attribute name="type" value="osgi.bundle"/>
                      <attribute name="version" value="0.1.0" type="Version"/>
                    </capability>
                    <capability namespace="osgi.content">
                      <attribute name="osgi.content" value="%s"/>
                      <attribute name="url" value="%s"/>
                    </capability>
                  </resource>
                </repository>
                """.formatted(name, TestBundles.sha256(jar), jar.getFileName()));
        Framework.run("repo:add " + index);
        try {
            Exception refused = assertThrows(Exception.class, () -> Framework.run("repo:install " + name));
            String m = refused.getMessage();
            assertTrue(m.contains("/" + jar.getFileName() + ": " + name + " 0.1.0 refused: 1 violation (host-clock):"),
                    "the jar and the verdict: " + m);
            assertTrue(VIOLATION.matcher(m).find(), "class, method and offset: " + m);
            assertTrue(m.contains("--unsafe installs it anyway"), m);
            assertFalse(installed(name).isPresent(), "the framework never saw it");

            String out = Framework.run("repo:install --unsafe " + name);
            Bundle b = installed(name).orElseThrow(() -> new AssertionError("not installed: " + out));
            assertEquals(Bundle.ACTIVE, b.getState(), out);
            assertTrue(out.contains("installed " + name + " 0.1.0 [" + b.getBundleId() + "] sha256 "
                    + TestBundles.sha256(jar) + ", unsafe: 1 violation (host-clock)"), out);
            String schedulers = Framework.run("sched:list");
            assertTrue(schedulers.lines().anyMatch(l -> l.strip().startsWith("hostclock ")), "it runs: " + schedulers);
            String bundles = Framework.run("repo:bundles");
            assertTrue(bundles.lines().anyMatch(l -> l.contains(name) && l.contains("unsafe: 1 violation (host-clock)")),
                    "repo:bundles records the verdict: " + bundles);
        } finally {
            installed(name).ifPresent(TestBundles::uninstall);
        }
    }

    @Test
    void aSpecsBundleThatReadsTheHostClockIsRefusedUnlessTheRunIsUnsafeWhichTheResultsRecord(@TempDir Path dir)
            throws Exception {
        String name = "edu.example.hostclock.spec";
        Path jar = hostClockJar(dir, name);
        Path spec = Files.writeString(dir.resolve("hostclock.yaml"), """
                name: hostclock
                bundles: [%s]
                variants:
                  - {name: dfly, sched: dfly}
                  - {name: hostclock, sched: hostclock}
                workloads:
                  - {type: cpuhog, args: ["4"]}
                trials: 1
                warmup: 2ms
                measure: 5ms
                """.formatted(jar.getFileName()));
        Path results = dir.resolve("results");
        try {
            Exception refused = assertThrows(Exception.class, () -> Framework.run("exp:run " + spec + " --results "
                    + results));
            assertTrue(refused.getMessage().contains("/" + jar.getFileName() + ": " + name + " 0.1.0 refused: 1 "
                    + "violation (host-clock):"), refused.getMessage());
            assertTrue(VIOLATION.matcher(refused.getMessage()).find(), refused.getMessage());
            assertFalse(installed(name).isPresent(), "the framework never saw it");
            // exp:run creates --results when it checks that it can write there; nothing is written in it
            try (var written = Files.list(results)) {
                assertFalse(written.findAny().isPresent(), "nothing ran");
            }

            String out = Framework.run("exp:run " + spec + " --unsafe --results " + results);
            assertTrue(out.contains("bundle " + name + " 0.1.0 [") && out.contains("]: unsafe: 1 violation "
                    + "(host-clock), sha256 " + TestBundles.sha256(jar)), out);
            String trials = Files.readString(find(results, "trials.csv"));
            assertTrue(trials.lines().anyMatch(l -> l.contains(",hostclock,") && l.contains(",ok,")),
                    "a trial ran under the bundle's scheduler: " + trials);
            String config = Files.readString(find(results, "config.json"));
            assertTrue(Pattern.compile("\"symbolicName\" : \"" + Pattern.quote(name) + "\",[^}]*\"verdict\" : "
                    + "\"unsafe: 1 violation \\(host-clock\\)\"").matcher(config).find(), config);
            String report = Files.readString(find(results, "report.md"));
            assertTrue(report.contains("## Unverified code") && report.contains("`" + name + "` 0.1.0"), report);
        } finally {
            installed(name).ifPresent(TestBundles::uninstall);
        }
    }

    private static Path find(Path dir, String file) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(file)).toList();
            assertEquals(1, found.size(), file + " in " + dir);
            return found.get(0);
        }
    }
}
