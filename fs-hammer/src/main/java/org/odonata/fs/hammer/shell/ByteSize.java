package org.odonata.fs.hammer.shell;

import java.util.Locale;

/** Sizes as the commands spell them: a number with an optional K, M, G or T suffix (powers of 1024). */
final class ByteSize {

    private ByteSize() {
    }

    static long parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
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
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size '" + text + "': use a positive number with an optional"
                    + " K, M, G or T suffix, e.g. 256M or 4G");
        }
    }

    static String format(long bytes) {
        String[] units = {"B", "K", "M", "G", "T"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + units[u];
    }
}
