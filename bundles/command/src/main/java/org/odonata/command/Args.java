package org.odonata.command;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.odonata.api.engine.VirtualDuration;

/**
 * Checks a command's arguments and fails with one plain line naming the argument and what was expected:
 * {@code --seed: expected an integer, got 'abc'}. Commands declare their Gogo parameters as {@code String} and
 * convert them here, so that Gogo's own coercion errors ({@code Cannot coerce boot(Token, Token)}) never reach
 * the user.
 */
public final class Args {

    /**
     * The longest span of virtual time one command or trial may advance: an hour. A simulated second of a busy
     * machine costs seconds to minutes of host time, so longer runs are better split (and resumed) by the user.
     */
    public static final long MAX_VIRTUAL_NANOS = 3_600_000_000_000L;

    private Args() {
    }

    /** An integer of any size a {@code long} holds. */
    public static long integer(String name, String text) {
        return integer(name, text, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * @throws IllegalArgumentException {@code NAME: expected an integer from MIN to MAX, got 'TEXT'}
     */
    public static long integer(String name, String text, long min, long max) {
        String t = text == null ? "" : text.strip();
        long v;
        try {
            v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected " + range(min, max) + ", got '" + text + "'"
                    + (t.matches("[-+]?[0-9]+") ? " (too large)" : ""));
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + ": expected " + range(min, max) + ", got '" + text + "'");
        }
        return v;
    }

    /** As {@link #integer(String, String, long, long)}, for an {@code int}. */
    public static int count(String name, String text, int min, int max) {
        return (int) integer(name, text, min, max);
    }

    /**
     * A positive span of virtual time of at most {@link #MAX_VIRTUAL_NANOS}: {@code 500ms}, {@code 1.5s}. Refuses
     * 0 and anything that rounds to 0 ns ({@code 0.1ns}, {@code 1e-20s}).
     */
    public static long duration(String name, String text) {
        return duration(name, text, 1, MAX_VIRTUAL_NANOS);
    }

    /**
     * A span of virtual time from {@code min} to {@code max} nanoseconds; a non-zero text that rounds to 0 ns is
     * refused even when 0 is allowed.
     */
    public static long duration(String name, String text, long min, long max) {
        long nanos;
        try {
            nanos = VirtualDuration.parse(text).nanos();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": expected a duration such as 500ms, 1.5s, 20us or 100ns, "
                    + "got '" + text + "'" + (tooLarge(text) ? " (more than " + VirtualDuration.format(max)
                    + " of virtual time)" : ""));
        }
        if (nanos == 0 && !exactlyZero(text)) {
            throw new IllegalArgumentException(name + ": '" + text + "' is shorter than 1ns, the resolution of "
                    + "virtual time");
        }
        if (nanos < min) {
            throw new IllegalArgumentException(name + ": expected at least " + VirtualDuration.format(min)
                    + ", got '" + text + "'");
        }
        if (nanos > max) {
            throw new IllegalArgumentException(name + ": at most " + VirtualDuration.format(max)
                    + " of virtual time, got '" + text + "'" + (max == MAX_VIRTUAL_NANOS ? "; a simulated second "
                    + "costs seconds to minutes of host time, so split longer runs" : ""));
        }
        return nanos;
    }

    /**
     * A bandwidth in bits per second: a number, an optional SI prefix ({@code k}, {@code M}, {@code G}, powers of
     * 1000 as networks count) and {@code bit/s} or {@code B/s} (bytes): {@code 1Gbit/s}, {@code 100Mbit/s},
     * {@code 12.5MB/s}. At least 1 bit/s, at most 1 Tbit/s.
     */
    public static long bitsPerSecond(String name, String text) {
        Matcher m = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([kMG]?)(bit/s|B/s)")
                .matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": expected a bandwidth such as 1Gbit/s, 100Mbit/s or 12.5MB/s,"
                    + " got '" + text + "'");
        }
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(switch (m.group(2)) {
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1L;
        })).multiply(BigDecimal.valueOf(m.group(3).equals("B/s") ? 8 : 1));
        if (bits.compareTo(BigDecimal.ONE) < 0 || bits.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
            throw new IllegalArgumentException(name + ": expected from 1bit/s to 1000Gbit/s, got '" + text + "'");
        }
        return bits.longValue();
    }

    /** One of {@code valid}. */
    public static String choice(String name, String text, List<String> valid) {
        if (!valid.contains(text)) {
            throw new IllegalArgumentException(name + ": expected one of " + String.join(", ", valid) + ", got '"
                    + text + "'");
        }
        return text;
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "an integer";
        }
        if (max == Long.MAX_VALUE) {
            return String.format(Locale.ROOT, "an integer of at least %d", min);
        }
        if (min == Long.MIN_VALUE) {
            return String.format(Locale.ROOT, "an integer of at most %d", max);
        }
        return String.format(Locale.ROOT, "an integer from %d to %d", min, max);
    }

    /** Whether the number before the unit is zero, so that '0ms' is a zero and '0.1ns' a rounding. */
    private static boolean exactlyZero(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("(ns|us|ms|s)$", "").strip();
        try {
            return new BigDecimal(t).signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A well-formed duration too large for a {@code long} of nanoseconds. */
    private static boolean tooLarge(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return t.matches("[0-9.eE+]+(ns|us|ms|s)");
    }
}
