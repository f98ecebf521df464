package org.odonata.command;

import java.util.Locale;
import java.util.function.LongSupplier;

import org.odonata.api.engine.VirtualDuration;

/**
 * Advances a machine's virtual time in slices, so that a long run shows progress and stops at a safe point
 * (between two slices, which is between two events) when {@link Interruptible#stopping()} — Ctrl-C in the shell,
 * SIGTERM in batch mode, or a cancelled trial. The result does not depend on the slicing: running 10 ms and then
 * 10 ms runs the same events in the same order as running 20 ms at once. Slices are sized from the host time
 * the previous one took, aiming at about a tenth of a second each; the host clock only sizes slices and never
 * reaches the simulation.
 */
public final class VirtualRun {

    /** Host time one slice aims at: short enough for Ctrl-C to feel immediate. */
    static final long SLICE_TARGET_NANOS = 100_000_000L;
    private static final long FIRST_SLICE_NANOS = 1_000_000L;

    /** Advances the machine by {@code nanos} of virtual time on whatever thread owns it. */
    @FunctionalInterface
    public interface Step {
        void advance(long nanos);
    }

    /**
     * How far a run got.
     *
     * @param from        virtual time at the start
     * @param to          virtual time it was asked to reach
     * @param reached     virtual time it reached
     * @param interrupted whether it stopped early because the user asked (see {@link Interruptible})
     */
    public record Outcome(long from, long to, long reached, boolean interrupted) {

        /** {@code interrupted at t=1.2s of 5s (24%)}. */
        public String describe() {
            return "interrupted at t=" + VirtualDuration.format(reached) + " (asked for t="
                    + VirtualDuration.format(to) + ", " + percent(reached - from, to - from) + " done)";
        }
    }

    private final Step step;
    private final LongSupplier hostClock;

    /**
     * @param hostClock host nanoseconds, used only to size slices
     */
    public VirtualRun(Step step, LongSupplier hostClock) {
        this.step = step;
        this.hostClock = hostClock;
    }

    public VirtualRun(Step step) {
        this(step, System::nanoTime);
    }

    /**
     * Advances from {@code from} by {@code nanos}, slice by slice, until done or {@link Interruptible#stopping()}.
     * Progress lines, when a meter is given, read {@code LABEL: t=… of … (…%), host …, about … left}.
     */
    public Outcome advance(long from, long nanos, ProgressMeter meter, String label) {
        long to = Math.addExact(from, nanos);
        long now = from;
        long slice = Math.min(FIRST_SLICE_NANOS, nanos);
        long hostStart = hostClock.getAsLong();
        while (now < to) {
            if (Interruptible.stopping()) {
                return new Outcome(from, to, now, true);
            }
            long n = Math.min(slice, to - now);
            long t0 = hostClock.getAsLong();
            step.advance(n);
            long took = Math.max(1, hostClock.getAsLong() - t0);
            now += n;
            // aim the next slice at the target host time, growing or shrinking at most fourfold
            double factor = Math.max(0.25, Math.min(4.0, (double) SLICE_TARGET_NANOS / took));
            slice = Math.max(1, (long) Math.min((double) Long.MAX_VALUE / 8, slice * factor));
            if (meter != null) {
                long done = now - from;
                double hostSeconds = (hostClock.getAsLong() - hostStart) / 1e9;
                meter.update(() -> String.format(Locale.ROOT, "%s: t=%s of %s (%s), host %s, about %s left", label,
                        VirtualDuration.format(done + from), VirtualDuration.format(to), percent(done, nanos),
                        ProgressMeter.hostTime(hostSeconds),
                        ProgressMeter.hostTime(hostSeconds / done * (nanos - done))));
            }
        }
        return new Outcome(from, to, now, Interruptible.stopping());
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 100.0 : 100.0 * part / whole);
    }
}
