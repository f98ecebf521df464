package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the real {@code ./odonata} launcher on the exported distribution, as a user does, from a copy in a
 * scratch repository whose only other file is the built jar (so the launcher never finds sources to rebuild),
 * and lets a test watch its output, type into it and signal it.
 */
final class Launcher implements AutoCloseable {

    private static Path copy;

    private final Process process;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final List<Thread> pumps = new ArrayList<>();

    private Launcher(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), out));
        pumps.add(pump(process.getErrorStream(), err));
    }

    /** The launcher copy, made once: {@code ROOT/odonata} and {@code ROOT/bundles/dist/target/odonata.jar}. */
    static synchronized Path script() throws IOException {
        if (copy == null) {
            Path repo = Path.of("..", "..").toAbsolutePath().normalize();
            Path jar = repo.resolve("bundles/dist/target/odonata.jar");
            assertTrue(Files.isRegularFile(jar), "the distribution must be built before this test: " + jar);
            Path root = Files.createTempDirectory("odonata-launcher");
            Files.createDirectories(root.resolve("bundles/dist/target"));
            Files.createSymbolicLink(root.resolve("bundles/dist/target/odonata.jar"), jar);
            copy = Files.copy(repo.resolve("odonata"), root.resolve("odonata"));
            root.toFile().deleteOnExit();
        }
        return copy;
    }

    /** Starts {@code ./odonata ARGS} in {@code dir}, with {@code env} added to the environment. */
    static Launcher start(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", script().toString()));
        cmd.addAll(List.of(args));
        return start(dir, env, cmd);
    }

    /** Starts the interactive shell on a pseudo-terminal ({@code script} from util-linux), as a user's terminal. */
    static Launcher onTerminal(Path dir) throws IOException {
        return start(dir, Map.of(), List.of("script", "-qfec", "bash " + script(), "/dev/null"));
    }

    static boolean terminalAvailable() {
        try {
            return new ProcessBuilder("script", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Launcher start(Path dir, Map<String, String> env, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        return new Launcher(pb.start());
    }

    private Thread pump(InputStream in, StringBuilder into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0;) {
                    synchronized (this) {
                        into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        notifyAll();
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "launcher-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits (bounded) until stdout or stderr matches {@code regex} from {@code from} on; returns where it ends. */
    synchronized int await(String regex, int from, long seconds) throws InterruptedException {
        Pattern p = Pattern.compile(regex, Pattern.DOTALL);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String all = out + "\n" + err;
            var m = p.matcher(all);
            if (m.find(Math.min(from, all.length()))) {
                return m.end();
            }
            long left = end - System.nanoTime();
            assertTrue(left > 0, "no /" + regex + "/ within " + seconds + " s; stdout:\n" + out + "\nstderr:\n" + err);
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    void type(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Sends a signal ({@code INT}, {@code TERM}) to the launcher, which has become the JVM (exec). */
    void signal(String name) throws IOException, InterruptedException {
        assertTrue(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor() == 0);
    }

    /** Closes the launcher's input and waits (bounded) for the exit status. */
    int exit(long seconds) throws InterruptedException, IOException {
        process.getOutputStream().close();
        return exited(seconds);
    }

    /**
     * Waits (bounded) for the exit status with the input still open: a shell left by {@code exit} on a terminal
     * must end by itself, not because {@code script} saw its input end and wrote an end-of-file to the terminal.
     */
    int exited(long seconds) throws InterruptedException, IOException {
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "still running after " + seconds + " s; stdout:\n"
                + out + "\nstderr:\n" + err);
        process.getOutputStream().close();
        for (Thread t : pumps) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        return process.exitValue();
    }

    synchronized String out() {
        return out.toString();
    }

    synchronized String err() {
        return err.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
