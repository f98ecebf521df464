package org.odonata.api.metric;

import java.util.Objects;

/**
 * A metric's declaration: its name, kind, unit and meaning, made where the metric is defined. Build one with the
 * factories, e.g. {@code Metric.rate("throughput", "msg", "messages delivered per virtual second")} (unit
 * {@code msg/s}), {@code Metric.duration("lat.wakeup.p99", "…")} (unit {@code ns}).
 *
 * @param name        the metric's name as results files spell it ({@code context_switches}, {@code wl.bytes})
 * @param kind        what kind of quantity it is
 * @param unit        the unit of the raw value: {@code ns} for durations, {@code cycles}, {@code B}, the empty
 *                    string for fractions, a noun for counts ({@code msg}) and that noun per second for rates
 *                    ({@code msg/s})
 * @param description one line: what it counts or measures, and over what
 */
public record Metric(String name, MetricKind kind, String unit, String description) {

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
    }

    /** A count of {@code noun}s over the measured window ({@code noun} may be empty). */
    public static Metric count(String name, String noun, String description) {
        return new Metric(name, MetricKind.COUNT, noun, description);
    }

    /** {@code noun}s per virtual second: the unit is {@code noun/s}. */
    public static Metric rate(String name, String noun, String description) {
        return new Metric(name, MetricKind.RATE, noun.isEmpty() ? "1/s" : noun + "/s", description);
    }

    /** Virtual time, stored in nanoseconds. */
    public static Metric duration(String name, String description) {
        return new Metric(name, MetricKind.DURATION, "ns", description);
    }

    /** A share in [0, 1]. */
    public static Metric fraction(String name, String description) {
        return new Metric(name, MetricKind.FRACTION, "", description);
    }

    /** CPU cycles at the simulated clock. */
    public static Metric cycles(String name, String description) {
        return new Metric(name, MetricKind.CYCLES, "cycles", description);
    }

    /** Bytes. */
    public static Metric bytes(String name, String description) {
        return new Metric(name, MetricKind.BYTES, "B", description);
    }

    /** The same declaration under another name (a workload's counter {@code bytes} becomes {@code wl.bytes}). */
    public Metric named(String newName) {
        return new Metric(newName, kind, unit, description);
    }

    /** The noun of a count or rate ({@code msg} for {@code msg/s}); the unit itself for other kinds. */
    public String noun() {
        return kind == MetricKind.RATE && unit.endsWith("/s") ? unit.substring(0, unit.length() - 2) : unit;
    }
}
