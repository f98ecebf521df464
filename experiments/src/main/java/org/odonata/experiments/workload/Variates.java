package org.odonata.experiments.workload;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The random durations workloads draw, always by inverse transform from {@code nextDouble()} of a seeded
 * stream (a process's {@code Syscalls.random()}), so a value depends only on the seed and the draw's position
 * in that stream, never on a JDK's choice of sampling algorithm.
 */
public final class Variates {

    /** How a duration with a given mean is spread: the {@code *Dist} parameters' choices. */
    public enum Shape {
        /** Exponential (memoryless, as Poisson-like arrivals and many service times are). */
        EXP,
        /** Always the mean. */
        CONST,
        /** Uniform between 0 and twice the mean. */
        UNIFORM;

        public static final String[] CHOICES = {"exp", "const", "uniform"};

        public static Shape of(String choice) {
            return valueOf(choice.toUpperCase(Locale.ROOT));
        }

        public long draw(RandomGenerator random, double mean) {
            return switch (this) {
                case EXP -> exponential(random, mean);
                case CONST -> Math.round(mean);
                case UNIFORM -> Math.round(2 * mean * random.nextDouble());
            };
        }
    }

    private Variates() {
    }

    /** Exponentially distributed with mean {@code mean}, rounded. */
    public static long exponential(RandomGenerator random, double mean) {
        return Math.round(-mean * Math.log(1.0 - random.nextDouble()));
    }

    /** Uniform in [{@code low}, {@code high}); {@code low} when the range is empty. */
    public static long uniform(RandomGenerator random, long low, long high) {
        return high <= low ? low : low + (long) ((high - low) * random.nextDouble());
    }
}
