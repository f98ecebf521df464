package org.odonata.api.kern;

/**
 * One kernel tunable, as {@code sysctl} shows it: its name (DragonFly's where the model has the same knob), its
 * value, the range it accepts and what it does.
 *
 * @param name        dotted name, e.g. {@code lwkt.spin_loops}
 * @param value       the current value (the default, from {@link KernelFactory#sysctls()})
 * @param min         the smallest accepted value
 * @param max         the largest accepted value
 * @param description one line: what it changes, and its unit
 */
public record Sysctl(String name, long value, long min, long max, String description) {

    /** Whether {@code v} is in range. */
    public boolean accepts(long v) {
        return v >= min && v <= max;
    }

    /** The same tunable holding {@code v}. */
    public Sysctl with(long v) {
        return new Sysctl(name, v, min, max, description);
    }
}
