package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the exported distribution ({@code bundles/dist/target/odonata.jar}) in batch mode, as {@code ./odonata run}
 * and {@code ./odonata -c} do, and checks the exit status and what reaches stderr.
 */
class BatchExitStatusTest {

    private static Path jar;

    /** What a finished batch run printed and returned. */
    private record Outcome(int status, String out, String err) {
    }

    @BeforeAll
    static void findDistribution() {
        jar = Path.of("..", "dist", "target", "odonata.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), "the distribution must be built before this test: " + jar);
    }

    @Test
    void aCommandLineThatSucceedsExitsZero() throws Exception {
        Outcome o = batch("-Dodonata.batch.command=hw:presets; hw:topology laptop-4c8t");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("packages: 1  cores: 4  cpus: 8  numa: 1"), o.out());
    }

    @Test
    void aFailingCommandExitsNonZeroNamingItAndItsError() throws Exception {
        Outcome o = batch("-Dodonata.batch.command=hw:presets; hw:topology nope; hw:machines");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("-c:1: hw:topology nope"), o.err());
        assertTrue(o.err().contains("presets: uniprocessor"), o.err());
        assertTrue(!o.out().contains("NAME"), "stops at the first failure: " + o.out());
    }

    @Test
    void calibrateIsACommandOfTheDistributionAndNeedsAProfileToWrite() throws Exception {
        // argument errors only: CI never measures the host
        Outcome o = batch("-Dodonata.batch.command=hw:calibrate --runs 1");
        assertEquals(1, o.status(), o.err());
        assertTrue(o.err().contains("hw:calibrate needs --out FILE.yaml"), o.err());
        o = batch("-Dodonata.batch.command=hw:calibrate --out host.txt");
        assertEquals(1, o.status(), o.err());
        assertTrue(o.err().contains("--out: expected a .yaml file, found 'host.txt'"), o.err());
    }

    @Test
    void sysctlListsSetsAndRefusesAnUnknownName() throws Exception {
        Outcome o = batch("-Dodonata.batch.command=kern:boot --preset smp-4; kern:sysctl lwkt.token_spin_budget_ns -1;"
                + " kern:sysctl lwkt; kern:sysctl nope");
        assertEquals(1, o.status(), o.err());
        assertTrue(o.out().contains("lwkt.token_spin_budget_ns: 0 -> -1 at t=0"), o.out());
        assertTrue(o.out().contains("lwkt.token_spin_budget_ns: -1  (-1..1000000000) model-only, not in DragonFly:"),
                o.out());
        assertTrue(o.out().contains("lwkt.spin_loops: 10  (0..1000000)"), o.out());
        assertTrue(o.err().contains("-c:1: kern:sysctl nope"), o.err());
        assertTrue(o.err().contains("no sysctl named or under 'nope'; sysctls: kern.maxproc, kern.pipe.delay, lwkt.preempt_enable, "
                + "lwkt.spin_loops,"),
                o.err());
    }

    @Test
    void aScriptReportsTheLineThatFailed(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("session.gosh");
        Files.writeString(script, """
                # a first session
                hw:presets
                hw:machine new m1 --preset smp-4
                hw:info m2
                """);
        Outcome o = batch("-Dodonata.batch.file=" + script);
        assertEquals(1, o.status());
        assertTrue(o.err().contains("session.gosh:4: hw:info m2"), o.err());
        assertTrue(o.err().contains("machines: default, m1"), o.err());
    }

    @Test
    void aSyntaxErrorIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("broken.gosh");
        Files.writeString(script, "hw:machine new x\neach [1 2] { echo $it\n");
        Outcome o = batch("-Dodonata.batch.file=" + script);
        assertEquals(2, o.status());
        assertTrue(o.err().contains("broken.gosh: line"), o.err());
        assertTrue(!o.out().contains("machine x"), o.out());
    }

    @Test
    void aFailureACommandReturnsAsTextIsAnErrorWithoutAStackTrace() throws Exception {
        Outcome o = batch("-Dodonata.batch.command=felix:update 15");
        assertEquals(1, o.status(), o.out() + o.err());
        assertTrue(o.err().contains("error: felix:update: the bundle was installed from inside the distribution"),
                o.err());
        assertTrue(!(o.out() + o.err()).contains("\tat ") && !(o.out() + o.err()).contains("MalformedURLException"),
                o.out() + o.err());
    }

    @Test
    void anExperimentWhoseTrialsAllFailExitsNonZeroAndSaysWhyGrouped(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("allfail.yaml"), """
                name: allfail
                variants: [{name: dfly, sched: dfly}]
                workloads: [{type: tokenscale, parameters: {copies: -1}}]
                trials: 3
                warmup: 1ms
                measure: 2ms
                """);
        Outcome o = batch("-Dodonata.batch.exp.0=" + spec, "-Dodonata.batch.exp.1=--results",
                "-Dodonata.batch.exp.2=" + dir.resolve("results"));
        assertEquals(1, o.status(), o.err());
        assertTrue(o.err().contains("error: every trial failed (3 of 3): 3 × "), o.err());
        assertTrue(Files.isDirectory(dir.resolve("results").resolve("allfail")), "the results are still written");
    }

    @Test
    void someFailedTrialsAreAnErrorUnlessTheSpecAllowsThem(@TempDir Path dir) throws Exception {
        String spec = """
                name: somefail
                variants: [{name: dfly, sched: dfly}]
                workloads: [{type: tokenscale, parameters: {copies: 2}}, {name: bad, type: tokenscale,
                             parameters: {copies: -1}}]
                trials: 1
                warmup: 1ms
                measure: 2ms
                """;
        Path strict = Files.writeString(dir.resolve("strict.yaml"), spec);
        Outcome o = batch("-Dodonata.batch.exp.0=" + strict, "-Dodonata.batch.exp.1=--results",
                "-Dodonata.batch.exp.2=" + dir.resolve("results"));
        assertEquals(1, o.status(), o.err());
        assertTrue(o.err().contains("1 of 2 trials failed: 1 × "), o.err());
        assertTrue(o.err().contains("allowFailures: true"), o.err());
        Path lenient = Files.writeString(dir.resolve("lenient.yaml"), spec + "allowFailures: true\n");
        Outcome ok = batch("-Dodonata.batch.exp.0=" + lenient, "-Dodonata.batch.exp.1=--results",
                "-Dodonata.batch.exp.2=" + dir.resolve("results"));
        assertEquals(0, ok.status(), ok.err());
    }

    @Test
    void resultsThatCannotBeWrittenAreRefusedBeforeAnyTrialRuns(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("good.yaml"), """
                name: good
                variants: [{name: dfly, sched: dfly}]
                workloads: [{type: tokenscale, parameters: {copies: 2}}]
                trials: 2
                warmup: 1ms
                measure: 2ms
                """);
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Outcome o = batch("-Dodonata.batch.exp.0=" + spec, "-Dodonata.batch.exp.1=--results",
                "-Dodonata.batch.exp.2=" + file);
        assertEquals(1, o.status(), o.err());
        assertTrue(o.err().contains("error: --results: " + file + " is not a folder"), o.err());
        assertTrue(!o.out().contains("trials 1/2") && !o.out().contains("digest:"), "no trial ran: " + o.out());
    }

    private static Outcome batch(String... properties) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow"));
        cmd.addAll(List.of(properties));
        cmd.addAll(List.of("-Dgosh.args=--nointeractive --noshutdown", "-jar", jar.toString()));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "batch run did not exit");
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
