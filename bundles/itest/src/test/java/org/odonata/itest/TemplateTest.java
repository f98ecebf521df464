package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./odonata new} as a researcher uses it, from a clean temp folder: generate a project, build it with its
 * own {@code ./mvnw package} (its unit test running the implementation in a real kernel), then load the jar into
 * the distribution (a spec's {@code bundles:}, or {@code install}) and check it ran, and that config.json records
 * it. The Maven repository is private (under target/), reading ~/.m2 only as a read-only tail, so no Odonata
 * artifact lands in the shared one; it is seeded with this build's jars and stand-alone POMs, as
 * {@code ./mvnw install} of the modules would write them.
 */
class TemplateTest {

    private static final List<String> SDK = List.of("kernel-api", "kernel-tck", "hw-x86", "bundles/kern", "sync-tokens",
            "sched-lwkt", "vfs", "bundles/fs-tmpfs", "vm");
    private static Path repository;

    @BeforeAll
    static void seedAPrivateMavenRepository() throws IOException {
        repository = Path.of("target", "template-m2").toAbsolutePath();
        for (String module : SDK) {
            Path target = Distribution.root().resolve(module).resolve("target");
            Path pom = target.resolve(".flattened-pom.xml");
            String artifact = Path.of(module).getFileName().toString();
            String version = Files.readString(pom)
                    .replaceAll("(?s).*?<artifactId>" + artifact + "</artifactId>\\s*<version>([^<]+)<.*", "$1");
            Path dir = repository.resolve("org/odonata").resolve(artifact).resolve(version);
            Files.createDirectories(dir);
            String base = artifact + "-" + version;
            Files.copy(target.resolve(base + ".jar"), dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aGeneratedSchedulerBuildsAloneAndRunsAgainstDflyFromItsSpec(@TempDir Path tmp) throws Exception {
        Path project = generateAndBuild("scheduler", tmp.resolve("sched-probe"));
        String report = Files.readString(project.resolve("target/surefire-reports/TEST-org.example.sched.probe"
                + ".ProbeSchedulerTest.xml"));
        assertTrue(report.contains("failures=\"0\"") && report.contains("errors=\"0\""), "the unit tests passed");
        assertTrue(report.contains("name=\"passesTheSchedulerConformanceKit\""), "the build ran the conformance kit");

        Distribution.Outcome o = Distribution.batch("exp:run " + project.resolve("spec.yaml")
                + " --set trials=1 --results " + tmp.resolve("results") + "; kern:boot --sched probe;"
                + " kern:run cpuhog 8 --for 100ms; kern:machines");
        assertEquals(0, o.status(), o.out() + o.err());
        List<String> probe = Files.readString(find(tmp.resolve("results"), "trials.csv")).lines()
                .filter(l -> l.contains(",probe,")).toList();
        assertTrue(probe.size() == 2 && probe.stream().allMatch(l -> l.contains(",ok,")),
                "one trial per workload under probe, each ok: " + probe);
        // kern:machines rows: "* NAME …" for the kernel kern: commands act on, "  NAME …" for the others
        assertTrue(o.out().lines().anyMatch(l -> l.matches("[* ] kern0 .* probe .*")),
                "a kernel booted with probe still runs it after a workload: " + o.out());
        assertTrue(Files.readString(find(tmp.resolve("results"), "config.json"))
                .contains("\"symbolicName\" : \"org.example.sched.probe\""), "config.json records the bundle");
    }

    @Test
    void aGeneratedTokenImplementationAndPageoutPolicyBuildAloneAndRun(@TempDir Path tmp) throws Exception {
        Path token = generateAndBuild("token", tmp.resolve("sync-probe"));
        Path pageout = generateAndBuild("pageout", tmp.resolve("pageout-probe"));
        assertTrue(Files.readString(token.resolve("target/surefire-reports/TEST-org.example.sync.probe.ProbeLockTest"
                + ".xml")).contains("name=\"passesTheTokenConformanceKit\""), "the token build ran the kit");
        assertTrue(Files.readString(pageout.resolve("target/surefire-reports/TEST-org.example.pageout.probe"
                + ".ProbePolicyTest.xml")).contains("name=\"passesThePageoutConformanceKit\""), "and the pageout one");
        Distribution.Outcome o = Distribution.batch("exp:run " + token.resolve("spec.yaml")
                + " --set trials=1 --results " + tmp.resolve("results") + "; b = install "
                + pageout.resolve("target/pageout-probe-0.1.0.jar") + "; start $b; kern:boot --preset smp-4 --vm probe"
                + " --mem 64M; kern:run forkstorm --for 50ms; vm:policy list");
        assertEquals(0, o.status(), o.out() + o.err());
        String trials = Files.readString(find(tmp.resolve("results"), "trials.csv"));
        assertTrue(trials.lines().anyMatch(l -> l.contains(",probe,tokenscale,") && l.contains(",ok,")), trials);
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("*") && l.contains("probe")),
                "the kernel pages with probe: " + o.out());
    }

    @Test
    void aGeneratedFilesystemBuildsAlonePassesTheKitAndMountsAsTheRoot(@TempDir Path tmp) throws Exception {
        Path project = generateAndBuild("fs", tmp.resolve("fs-probe"));
        assertTrue(Files.readString(project.resolve("target/surefire-reports/TEST-org.example.fs.probe.ProbeFsTest.xml"))
                .contains("name=\"passesTheFilesystemConformanceKit\""), "the build ran the conformance kit");
        Path pom = project.resolve("pom.xml");
        Distribution.Outcome o = Distribution.batch("b = install " + project.resolve("target/fs-probe-0.1.0.jar")
                + "; start $b; tck:run fs probe; kern:boot --preset smp-4 --rootfs probe; fs:mkdir /d; fs:write --from "
                + pom + " /d/pom.xml; fs:ls -l /d; fs:df");
        assertEquals(0, o.status(), o.out() + o.err());
        assertTrue(o.out().contains("fs kit, probe: 3 passed, 0 failed"), o.out());
        String size = " " + Files.size(pom) + " ";
        assertTrue(o.out().lines().anyMatch(l -> l.contains(size) && l.endsWith("pom.xml")),
                "the file, its size as written: " + o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("probe ") && l.endsWith(" /")), "the root: " + o.out());
    }

    @Test
    void aBadNameOrAnUnknownKindIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("x");
        Process p = process(Distribution.root(), Distribution.root().resolve("odonata").toString(), "new", "scheduler",
                "Bad-Name", "--dir", dir.toString());
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor());
        assertTrue(said.contains("NAME must be"), said);
        p = process(Distribution.root(), Distribution.root().resolve("odonata").toString(), "new", "widget", "w");
        assertEquals(2, p.waitFor());
        assertTrue(!Files.exists(dir));
    }

    /** {@code ./odonata new KIND probe --dir DIR}, then {@code DIR/mvnw package} offline; returns DIR. */
    private static Path generateAndBuild(String kind, Path dir) throws IOException, InterruptedException {
        run(Distribution.root(), 60, Distribution.root().resolve("odonata").toString(), "new", kind, "probe", "--dir",
                dir.toString());
        run(dir, 180, dir.resolve("mvnw").toString(), "-q", "-B", "-o", "package");
        return dir;
    }

    private static void run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Process p = process(dir, command);
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + new String(out, StandardCharsets.UTF_8));
    }

    private static Process process(Path dir, String... command) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = b.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MAVEN_ARGS", "-Dmaven.repo.local=" + repository + " -Dmaven.repo.local.tail="
                + Path.of(System.getProperty("user.home"), ".m2", "repository"));
        return b.start();
    }

    private static Path find(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }
}
