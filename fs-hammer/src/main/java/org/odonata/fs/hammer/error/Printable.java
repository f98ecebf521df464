package org.odonata.fs.hammer.error;

/**
 * Text from a volume made safe for a terminal: names on a corrupt (or hostile) image may hold control
 * characters or escape sequences, and a Java string may hold an unpaired surrogate. Both are shown as escapes
 * ({@code \x1b}, {@code \ud800}); a backslash is doubled so the escapes stay unambiguous. Linear in the length.
 */
public final class Printable {

    private Printable() {
    }

    public static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            boolean escape = !pair && (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate(c)
                    || c == '\\');
            if (escape && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out == null) {
                if (pair) {
                    i++;
                }
                continue;
            }
            if (pair) {
                out.append(c).append(s.charAt(++i));
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (escape) {
                out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
