package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The exported distribution, {@code bundles/dist/target/odonata.jar}, run in batch mode as {@code ./odonata -c} does. */
final class Distribution {

    /** What a finished batch run printed and returned. */
    record Outcome(int status, String out, String err) {
    }

    private Distribution() {
    }

    /** The repository's root, found from this module's folder (the tests run in bundles/itest). */
    static Path root() {
        return Path.of("..", "..").toAbsolutePath().normalize();
    }

    static Path jar() {
        Path jar = root().resolve("bundles/dist/target/odonata.jar");
        assertTrue(Files.isRegularFile(jar), "the distribution must be built before this test: " + jar);
        return jar;
    }

    /**
     * Runs a command line ({@code odonata.batch.command}), with {@code jvmOptions} before the jar, and waits (at most a
     * minute) for the JVM to exit.
     */
    static Outcome batch(String commands, String... jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-Dodonata.batch.command=" + commands,
                "-Dgosh.args=--nointeractive --noshutdown"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-jar", jar().toString()));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "batch run did not exit");
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
