package org.odonata.experiments.workload;

import java.util.List;
import java.util.Locale;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.command.Args;


/**
 * One parameter a workload takes, with its type and default, so specs and {@code kern:run} arguments are
 * checked before anything runs. Values are {@link Long} (INT and DURATION, in nanoseconds), {@link Double},
 * {@link Boolean} or {@link String}.
 */
public record Param(String name, Kind kind, Object defaultValue, String description, List<String> choices) {

    /** What a parameter's values are. */
    public enum Kind {
        INT, DOUBLE, BOOL, DURATION, STRING, CHOICE
    }

    public Param {
        choices = List.copyOf(choices);
    }

    public static Param integer(String name, long def, String description) {
        return new Param(name, Kind.INT, def, description, List.of());
    }

    public static Param decimal(String name, double def, String description) {
        return new Param(name, Kind.DOUBLE, def, description, List.of());
    }

    public static Param bool(String name, boolean def, String description) {
        return new Param(name, Kind.BOOL, def, description, List.of());
    }

    public static Param duration(String name, String def, String description) {
        return new Param(name, Kind.DURATION, VirtualDuration.parse(def).nanos(), description, List.of());
    }

    public static Param string(String name, String def, String description) {
        return new Param(name, Kind.STRING, def, description, List.of());
    }

    public static Param choice(String name, String def, String description, String... choices) {
        return new Param(name, Kind.CHOICE, def, description, List.of(choices));
    }

    /** What a value of this parameter looks like, for error messages. */
    public String expected() {
        return switch (kind) {
            case INT -> "an integer";
            case DOUBLE -> "a number";
            case BOOL -> "true or false";
            case DURATION -> "a duration such as 200us, 5ms or 1.5s";
            case STRING -> "a string";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    /**
     * Converts a YAML scalar or a command-line string to this parameter's type.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public Object convert(Object raw) {
        IllegalArgumentException wrong = new IllegalArgumentException("'" + name + "' expects " + expected()
                + ", found '" + raw + "'");
        switch (kind) {
            case INT:
                if (raw instanceof Long l) {
                    return l;
                }
                if (raw instanceof String s) {
                    try {
                        return Long.parseLong(s.trim());
                    } catch (NumberFormatException e) {
                        throw wrong;
                    }
                }
                throw wrong;
            case DOUBLE:
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
                if (raw instanceof String s) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        throw wrong;
                    }
                }
                throw wrong;
            case BOOL:
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
                }
                throw wrong;
            case DURATION:
                if (raw instanceof String s) {
                    try {
                        VirtualDuration.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw wrong;
                    }
                    // a value that rounds to 0 ns is refused, with the reason
                    return Args.duration("'" + name + "'", s, 0, Long.MAX_VALUE);
                }
                throw wrong;
            case STRING:
                if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                    return String.valueOf(raw);
                }
                throw wrong;
            case CHOICE:
                if (raw instanceof String s && choices.contains(s)) {
                    return s;
                }
                throw wrong;
            default:
                throw new AssertionError(kind);
        }
    }

    /** The value as {@code kern:run} takes it back: durations in nanoseconds with their unit. */
    public String render(Object value) {
        return kind == Kind.DURATION ? VirtualDuration.format((Long) value) : String.valueOf(value);
    }
}
