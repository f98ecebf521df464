package org.odonata.experiments.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures in the programs' outputs; an output without them is an error naming the program. */
final class ProgramOutputs {

    /** {@code perf bench sched pipe} and {@code perf bench syscall basic}: "       9.038250 usecs/op". */
    private static final Pattern USECS_PER_OP = Pattern.compile("(?m)^\\s*([0-9]+(?:\\.[0-9]+)?)\\s+usecs/op\\s*$");
    /** rt-tests hackbench: "Time: 0.063". */
    private static final Pattern TIME = Pattern.compile("(?m)^Time:\\s*([0-9]+(?:\\.[0-9]+)?)\\s*$");

    /** {@code perf stat -x,}: "94.56,msec,task-clock,94563436,100.00,0.285,CPUs utilized". */
    private static final Pattern TASK_CLOCK = Pattern.compile("(?m)^([0-9]+(?:\\.[0-9]+)?),msec,task-clock,");
    /** {@code perf stat -x,}: "10005,,context-switches,56255494,100.00,177.849,K/sec". */
    private static final Pattern SWITCHES = Pattern.compile("(?m)^([0-9]+),[^,]*,context-switches,");

    private ProgramOutputs() {
    }

    /**
     * The command run under {@code perf stat}, which adds the CPU time its processes used (task-clock) and their
     * context switches to the output: figures that other load on the host does not inflate, as it does wall time.
     */
    static List<String> underPerfStat(List<String> command) {
        List<String> c = new ArrayList<>(List.of("perf", "stat", "-x,", "-e", "task-clock,context-switches", "--"));
        c.addAll(command);
        return c;
    }

    /** CPU nanoseconds that {@code perf stat} counted (task-clock over every process of the command). */
    static double taskClockNanos(String command, String output) {
        return Double.parseDouble(figure(TASK_CLOCK, "perf", "N,msec,task-clock", command, output,
                "perf stat needs kernel.perf_event_paranoid <= 2; apt-get install linux-perf")) * 1e6;
    }

    /** Context switches that {@code perf stat} counted. */
    static long contextSwitches(String command, String output) {
        return Long.parseLong(figure(SWITCHES, "perf", "N,,context-switches", command, output,
                "apt-get install linux-perf"));
    }

    /** Nanoseconds per operation that a {@code perf bench} run printed. */
    static double perfNanosPerOp(String command, String output) {
        return Double.parseDouble(figure(USECS_PER_OP, "perf", "N usecs/op", command, output,
                "linux-perf 5.x or later prints one; apt-get install linux-perf")) * 1000;
    }

    /** Seconds that a hackbench run took, from its {@code Time:} line. */
    static double hackbenchSeconds(String command, String output) {
        return Double.parseDouble(figure(TIME, "hackbench", "Time: S", command, output,
                "rt-tests' hackbench prints one; apt-get install rt-tests"));
    }

    /** The first match's figure, or an error naming the program, the line it lacks and what to install. */
    private static String figure(Pattern line, String program, String expected, String command, String output,
            String hint) {
        Matcher m = line.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException(program + ": no '" + expected + "' line in the output of '" + command
                    + "': " + excerpt(output) + " (" + hint + ")");
        }
        return m.group(1);
    }

    private static String excerpt(String output) {
        String s = output.strip().replace('\n', ' ');
        return s.isEmpty() ? "(no output)" : "'" + (s.length() > 160 ? s.substring(0, 160) + "…" : s) + "'";
    }
}
