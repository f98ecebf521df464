package org.odonata.api.memory;

import java.util.Locale;

/**
 * An amount of memory as commands and specs write it: a positive number with an optional {@code K}, {@code M},
 * {@code G} or {@code T} suffix (powers of 1024), e.g. {@code 256M}, {@code 4G}, {@code 4096}.
 *
 * @param bytes the amount, positive
 */
public record MemorySize(long bytes) {

    public MemorySize {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a memory size is positive, was " + bytes);
        }
    }

    /** Whether {@code text} ends with a unit suffix (a bare number may mean something else, e.g. pages). */
    public static boolean hasUnit(String text) {
        String s = text.strip();
        return !s.isEmpty() && "KMGTkmgt".indexOf(s.charAt(s.length() - 1)) >= 0;
    }

    /** @throws IllegalArgumentException quoting the text and saying what a size looks like */
    public static MemorySize parse(String text) {
        String s = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        int shift = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n <= 0 || n > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return new MemorySize(n << shift);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size '" + text + "': use a positive number with an optional"
                    + " K, M, G or T suffix, e.g. 256M or 4G");
        }
    }

    /** The shortest exact form: {@code 4G}, {@code 1536M}, {@code 4097B}. */
    public static String format(long bytes) {
        String[] units = {"B", "K", "M", "G", "T"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + units[u];
    }

    /** Whole 4 KiB pages, rounded down. */
    public long pages() {
        return bytes / PhysicalMemory.PAGE_SIZE;
    }

    @Override
    public String toString() {
        return format(bytes);
    }
}
