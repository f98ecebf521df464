package org.odonata.replay.mtree;

import java.io.ByteArrayOutputStream;

/**
 * File names as mtree writes them: NetBSD's {@code strsvis(…, VIS_CSTYLE, " \t\n\\#")} ({@code lib/libc/gen/vis.c}):
 * printable ASCII as is, {@code \s \t \n \a \b \v \f \r} for those characters, {@code \\} and {@code \#}, control
 * characters as {@code \^X}, bytes with the high bit as {@code \M-x} or {@code \M^X}, a high-bit space as octal. The
 * decoder ({@code strunvis}) also takes octal {@code \ooo} escapes, which FreeBSD's mtree writes.
 */
public final class Vis {

    private Vis() {
    }

    public static String encode(byte[] name) {
        StringBuilder sb = new StringBuilder(name.length + 8);
        for (int i = 0; i < name.length; i++) {
            int c = name[i] & 0xff;
            boolean extra = c == ' ' || c == '\t' || c == '\n' || c == '\\' || c == '#';
            if (!extra && c > 0x20 && c < 0x7f) {
                sb.append((char) c);
                continue;
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                case 0x07 -> sb.append("\\a");
                case 0x0b -> sb.append("\\v");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case ' ' -> sb.append("\\s");
                case 0 -> sb.append(i + 1 < name.length && name[i + 1] >= '0' && name[i + 1] <= '7' ? "\\000" : "\\0");
                case '\\', '#' -> sb.append('\\').append((char) c);
                default -> {
                    if ((c & 0x7f) == ' ') {
                        sb.append('\\').append(Integer.toOctalString(c));
                        continue;
                    }
                    sb.append('\\');
                    if ((c & 0x80) != 0) {
                        c &= 0x7f;
                        sb.append('M');
                    }
                    if (c < 0x20 || c == 0x7f) {
                        sb.append('^').append(c == 0x7f ? '?' : (char) (c + '@'));
                    } else {
                        sb.append('-').append((char) c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Decodes an encoded name.
     *
     * @throws IllegalArgumentException for an escape vis(3) does not write
     */
    public static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c & 0xff);
                continue;
            }
            if (++i >= s.length()) {
                throw new IllegalArgumentException("an escape after the final \\ in '" + s + "'");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 'b' -> out.write('\b');
                case 'a' -> out.write(0x07);
                case 'v' -> out.write(0x0b);
                case 't' -> out.write('\t');
                case 'f' -> out.write('\f');
                case 's' -> out.write(' ');
                case 'E' -> out.write(0x1b);
                case '$' -> {
                    // vis's hidden marker: no character
                }
                case 'M' -> {
                    if (i + 2 >= s.length()) {
                        throw new IllegalArgumentException("\\M-x or \\M^x in '" + s + "'");
                    }
                    char kind = s.charAt(++i);
                    char x = s.charAt(++i);
                    if (kind == '-') {
                        out.write((x & 0x7f) | 0x80);
                    } else if (kind == '^') {
                        out.write(control(x, s) | 0x80);
                    } else {
                        throw new IllegalArgumentException("\\M-x or \\M^x in '" + s + "'");
                    }
                }
                case '^' -> {
                    if (i + 1 >= s.length()) {
                        throw new IllegalArgumentException("a character after \\^ in '" + s + "'");
                    }
                    out.write(control(s.charAt(++i), s));
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                            v = v * 8 + s.charAt(++i) - '0';
                            n++;
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write(e & 0xff);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static int control(char x, String s) {
        if (x == '?') {
            return 0x7f;
        }
        if (x < '@' || x > '_') {
            throw new IllegalArgumentException("a control character \\^@ … \\^_ or \\^? in '" + s + "'");
        }
        return x - '@';
    }
}
