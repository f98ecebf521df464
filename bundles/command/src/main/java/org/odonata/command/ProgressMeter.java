package org.odonata.command;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Progress of a long command on one line: on a terminal the line is rewritten in place at most once a second
 * and cleared when the command ends; elsewhere (a log, a pipe) a full line is printed at most every ten
 * seconds. Nothing is printed for a command that ends within the first interval. Host time only ever reaches
 * these lines, never a simulation.
 */
public final class ProgressMeter {

    private static final long SECOND = 1_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long last;
    private boolean shown;

    /**
     * @param clock host nanoseconds ({@code System::nanoTime}; a test passes its own)
     */
    public ProgressMeter(PrintStream out, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.last = start;
    }

    /** A meter on {@code out}, rewriting its line when the JVM's standard output is a terminal. */
    public static ProgressMeter on(PrintStream out) {
        Console c = System.console();
        return new ProgressMeter(out, c != null && c.isTerminal(), System::nanoTime);
    }

    /** Host seconds since the meter was made. */
    public double elapsedSeconds() {
        return (clock.getAsLong() - start) / 1e9;
    }

    /** Prints {@code line} if the interval has passed since the last one; the line is built only then. */
    public void update(Supplier<String> line) {
        long now = clock.getAsLong();
        if (now - last < (terminal ? SECOND : 10 * SECOND)) {
            return;
        }
        last = now;
        if (terminal) {
            out.print("\r" + line.get() + "\u001b[K");
        } else {
            out.println(line.get());
        }
        out.flush();
        shown = true;
    }

    /** Clears the status line on a terminal, so that the command's result starts on a clean line. */
    public void finish() {
        if (terminal && shown) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    /** {@code 2h 14m}, {@code 3m 05s}, {@code 12.3s}: a host duration for humans. */
    public static String hostTime(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
