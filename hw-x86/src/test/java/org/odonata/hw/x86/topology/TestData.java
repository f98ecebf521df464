package org.odonata.hw.x86.topology;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Where the shared real-machine files live, and how to run lstopo when it is installed. */
final class TestData {

    private TestData() {
    }

    /** {@code <repo>/../shared/data/topologies}, found by walking up from the working directory. */
    static Path topologies() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared/data/topologies");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("shared/data/topologies not found: skipped (as in a user's clone)");
        throw new AssertionError("unreachable");
    }

    static Path topology(String fileName) {
        Path file = topologies().resolve(fileName);
        Assumptions.assumeTrue(Files.isRegularFile(file), file + " not found: skipped");
        return file;
    }

    static Optional<Path> lstopo() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "lstopo");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs lstopo with the arguments and returns what it wrote on stdout; skips when it is absent. */
    static String lstopo(String... args) throws IOException, InterruptedException {
        Path lstopo = lstopo().orElse(null);
        Assumptions.assumeTrue(lstopo != null, "lstopo not on PATH: skipped");
        List<String> command = new ArrayList<>(List.of(lstopo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("lstopo " + String.join(" ", args) + " failed");
        }
        return out;
    }
}
