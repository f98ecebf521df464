package org.odonata.experiments.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A real program run on the host for a measurement: its output, or one clear error naming the program and the
 * package that provides it. Host work: never called from inside a simulation.
 */
record HostProgram(String name, String installHint) {

    static final HostProgram PERF = new HostProgram("perf", "apt-get install linux-perf");
    /** Run under {@code perf stat}, so it needs both packages. */
    static final HostProgram HACKBENCH = new HostProgram("hackbench", "apt-get install rt-tests linux-perf");
    static final HostProgram PERF_PINNED = new HostProgram("perf (under taskset)",
            "apt-get install linux-perf util-linux");

    /**
     * Runs {@code command} to its end and returns stdout and stderr together.
     *
     * @throws IllegalStateException when the program is missing, fails or is interrupted
     */
    String run(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot run '" + String.join(" ", command) + "' ("
                    + e.getMessage() + "); install it: " + installHint, e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            if (status != 0) {
                throw new IllegalStateException(name + ": '" + String.join(" ", command) + "' exited with status "
                        + status + ": " + lastLine(out) + " (" + installHint + " provides it)");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot read the output of '" + String.join(" ", command)
                    + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted", e);
        }
    }

    private static String lastLine(String out) {
        String s = out.strip();
        return s.isEmpty() ? "no output" : s.substring(s.lastIndexOf('\n') + 1);
    }
}
