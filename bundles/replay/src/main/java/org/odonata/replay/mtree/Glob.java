package org.odonata.replay.mtree;

/**
 * {@code fnmatch(pattern, name, FNM_PATHNAME)} over bytes, as mtree matches entries whose names hold {@code *},
 * {@code ?} or {@code [}: {@code *} any run, {@code ?} one byte, {@code [a-z]} and {@code [!…]} sets, {@code \} quoting.
 */
final class Glob {

    private Glob() {
    }

    static boolean matches(byte[] p, byte[] s) {
        return match(p, 0, s, 0);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si) {
        while (pi < p.length) {
            int c = p[pi] & 0xff;
            switch (c) {
                case '*' -> {
                    while (pi < p.length && p[pi] == '*') {
                        pi++;
                    }
                    if (pi == p.length) {
                        return true;
                    }
                    for (int k = si; k <= s.length; k++) {
                        if (match(p, pi, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    if (si >= s.length) {
                        return false;
                    }
                    int end = pi + 1;
                    boolean negate = end < p.length && (p[end] == '!' || p[end] == '^');
                    if (negate) {
                        end++;
                    }
                    int setStart = end;
                    if (end < p.length && p[end] == ']') {
                        end++;
                    }
                    while (end < p.length && p[end] != ']') {
                        end++;
                    }
                    if (end >= p.length) {
                        if ((s[si] & 0xff) != '[') {
                            return false;
                        }
                        pi++;
                        si++;
                        continue;
                    }
                    boolean in = false;
                    int x = s[si] & 0xff;
                    for (int k = setStart; k < end; k++) {
                        int lo = p[k] & 0xff;
                        if (k + 2 < end && p[k + 1] == '-') {
                            int hi = p[k + 2] & 0xff;
                            in |= x >= lo && x <= hi;
                            k += 2;
                        } else {
                            in |= x == lo;
                        }
                    }
                    if (in == negate) {
                        return false;
                    }
                    pi = end + 1;
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < p.length) {
                        pi++;
                    }
                    if (si >= s.length || p[pi] != s[si]) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                default -> {
                    if (si >= s.length || p[pi] != s[si]) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length;
    }
}
