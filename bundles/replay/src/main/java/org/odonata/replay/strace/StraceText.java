package org.odonata.replay.strace;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The syntax of the values strace prints ({@code strace/src/util.c}, {@code print_quoted_string}, {@code printfd}):
 * C strings with escapes, numbers in decimal, hex and octal, {@code -y} annotations ({@code 3</path>}, nested under
 * {@code -yy}), flag sets ({@code O_RDONLY|O_CLOEXEC}), structures ({@code {st_mode=S_IFREG|0644, ...}}) and arrays.
 * Every decoder throws {@link IllegalArgumentException} saying what it expected; the importer adds file and line.
 */
public final class StraceText {

    private StraceText() {
    }

    /** The index just after the string that opens at {@code i} (a {@code "}), or -1 if it is not closed. */
    static int skipString(CharSequence s, int i) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    /**
     * The index just after the {@code -y} annotation that opens at {@code i} (a {@code <}), or -1. Annotations nest
     * under {@code -yy} ({@code 1</dev/null<char 1:3>>}); socket addresses may hold {@code ->} inside brackets.
     */
    static int skipAnnotation(CharSequence s, int i) {
        int depth = 0;
        int brackets = 0;
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets = Math.max(0, brackets - 1);
            } else if (c == '<' && brackets == 0) {
                depth++;
            } else if (c == '>' && brackets == 0) {
                if (--depth == 0) {
                    return j + 1;
                }
            }
        }
        return -1;
    }

    /** Whether a {@code <} at {@code i} opens a {@code -y} annotation: it follows a descriptor number or AT_FDCWD. */
    static boolean opensAnnotation(CharSequence s, int i) {
        if (i == 0) {
            return false;
        }
        char p = s.charAt(i - 1);
        return Character.isDigit(p) || p == 'D' && i >= 8 && s.subSequence(i - 8, i).toString().equals("AT_FDCWD");
    }

    /**
     * The index of the parenthesis closing a call's argument list that starts at {@code from} (just after the
     * opening one), or -1 when the text ends first (an unfinished call).
     *
     * @throws IllegalArgumentException for an unterminated string or annotation
     */
    static int closingParen(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            i = skipOpaque(s, i, false);
            if (i < 0) {
                return -1;
            }
            switch (s.charAt(i)) {
                case '(', '[', '{' -> depth++;
                case ']', '}' -> depth--;
                case ')' -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                default -> {
                }
            }
        }
        return -1;
    }

    /**
     * Where the scan goes on after position {@code i}: the last character of the string, annotation or comment that
     * opens there (its brackets and commas are text), else {@code i} itself; -1 for an annotation the text ends in
     * unless {@code whole}, where that is an error as an unterminated string or comment always is.
     */
    private static int skipOpaque(String s, int i, boolean whole) {
        switch (s.charAt(i)) {
            case '"' -> {
                int end = skipString(s, i);
                if (end < 0) {
                    throw new IllegalArgumentException("a closing \" for the string at column " + (i + 1));
                }
                return end - 1;
            }
            case '<' -> {
                if (!opensAnnotation(s, i)) {
                    return i;
                }
                int end = skipAnnotation(s, i);
                if (end >= 0) {
                    return end - 1;
                }
                if (whole) {
                    throw new IllegalArgumentException("a closing > for the descriptor's path");
                }
                return -1;
            }
            case '/' -> {
                if (i + 1 >= s.length() || s.charAt(i + 1) != '*') {
                    return i;
                }
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("a closing */ for the comment at column " + (i + 1));
                }
                return end + 1;
            }
            default -> {
                return i;
            }
        }
    }

    /** Splits {@code s} at the commas outside strings, brackets, braces, parentheses, comments and annotations. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            i = skipOpaque(s, i, true);
            switch (s.charAt(i)) {
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                case ',' -> {
                    if (depth == 0) {
                        out.add(s.substring(start, i).trim());
                        start = i + 1;
                    }
                }
                default -> {
                }
            }
        }
        String last = s.substring(start).trim();
        if (!last.isEmpty() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    /**
     * A string argument: {@code "…"} with C escapes ({@code \n \t \r \v \f \\ \"}, octal {@code \ooo}, hex
     * {@code \xhh}), optionally followed by {@code ...} when strace truncated it.
     */
    public static CString string(String arg) {
        String a = arg.trim();
        if (a.isEmpty() || a.charAt(0) != '"') {
            throw new IllegalArgumentException("a quoted string, not " + shorten(a));
        }
        int end = skipString(a, 0);
        if (end < 0) {
            throw new IllegalArgumentException("a closing \" in " + shorten(a));
        }
        String tail = a.substring(end);
        if (!tail.isEmpty() && !tail.equals("...")) {
            throw new IllegalArgumentException("nothing after the string but ..., not " + shorten(tail));
        }
        return new CString(unescape(a, 1, end - 1), !tail.isEmpty());
    }

    /** Whether {@code arg} is a quoted string (rather than NULL or an address). */
    public static boolean isString(String arg) {
        return !arg.isEmpty() && arg.charAt(0) == '"';
    }

    /** Decodes the C escapes of {@code s[from, to)}. */
    static byte[] unescape(String s, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                // the trace is read as ISO-8859-1: one char per byte
                out.write(c & 0xff);
                continue;
            }
            if (++i >= to) {
                throw new IllegalArgumentException("an escape after the final \\");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'v' -> out.write(0x0b);
                case 'f' -> out.write('\f');
                case 'a' -> out.write(0x07);
                case 'b' -> out.write('\b');
                case 'e' -> out.write(0x1b);
                case '\\', '"', '\'', '?' -> out.write(e);
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (n < 2 && i + 1 < to && Character.digit(s.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(++i), 16);
                        n++;
                    }
                    if (n == 0) {
                        throw new IllegalArgumentException("hex digits after \\x");
                    }
                    out.write(v);
                }
                default -> {
                    if (e < '0' || e > '7') {
                        throw new IllegalArgumentException("a C escape, not \\" + e);
                    }
                    int v = e - '0';
                    int n = 1;
                    while (n < 3 && i + 1 < to && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                        v = v * 8 + (s.charAt(++i) - '0');
                        n++;
                    }
                    out.write(v & 0xff);
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * A number: decimal (possibly negative), {@code 0x} hex, octal with a leading 0 (modes, umask), optionally with
     * a {@code -y} annotation after it ({@code 3</tmp/x>}), which is ignored here.
     */
    public static long number(String arg) {
        String a = stripAnnotation(arg.trim());
        if (a.isEmpty()) {
            throw new IllegalArgumentException("a number, not an empty argument");
        }
        try {
            boolean negative = a.charAt(0) == '-';
            String digits = negative ? a.substring(1) : a;
            long v;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                v = Long.parseUnsignedLong(digits.substring(2), 16);
            } else if (digits.length() > 1 && digits.charAt(0) == '0') {
                v = Long.parseLong(digits.substring(1), 8);
            } else {
                v = Long.parseUnsignedLong(digits);
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a number, not " + shorten(a));
        }
    }

    /** Whether {@code arg} starts like a number (so {@link #number} can decode it). */
    public static boolean isNumber(String arg) {
        String a = arg.trim();
        int i = a.startsWith("-") ? 1 : 0;
        return i < a.length() && Character.isDigit(a.charAt(i));
    }

    /** {@code arg} without a trailing {@code -y} annotation. */
    static String stripAnnotation(String a) {
        int lt = a.indexOf('<');
        return lt > 0 && opensAnnotation(a, lt) ? a.substring(0, lt) : a;
    }

    /**
     * The path of a {@code -y} annotation ({@code 3</tmp/x>} gives {@code /tmp/x}; under {@code -yy} the device part
     * of {@code 1</dev/null<char 1:3>>} is dropped), or null when there is none.
     */
    public static byte[] annotation(String arg) {
        String a = arg.trim();
        int lt = a.indexOf('<');
        if (lt <= 0 || !opensAnnotation(a, lt)) {
            return null;
        }
        int end = skipAnnotation(a, lt);
        if (end < 0) {
            throw new IllegalArgumentException("a closing > for the descriptor's path in " + shorten(a));
        }
        int stop = end - 1;
        for (int i = lt + 1; i < end - 1; i++) {
            char c = a.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '<') {
                stop = i;
                break;
            }
        }
        return unescape(a, lt + 1, stop);
    }

    /**
     * A set of flags: names (looked up by {@code names}, which throws for an unknown one) and numbers joined by
     * {@code |}, e.g. {@code O_WRONLY|O_CREAT|O_TRUNC} or {@code S_IFREG|0644}; {@code 0} is no flags.
     */
    public static long flags(String arg, ToLongFunction<String> names) {
        String a = arg.trim();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("flags, not an empty argument");
        }
        long v = 0;
        for (String part : a.split("\\|")) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("a flag between the | in " + shorten(a));
            }
            v |= isNumber(p) ? number(p) : names.applyAsLong(p);
        }
        return v;
    }

    /**
     * The fields of a structure {@code {a=1, b="x", ...}} in order, values as printed; a trailing {@code ...} (strace's
     * abbreviation) is dropped, and so are entries without a name and a comment after the closing brace.
     */
    public static Map<String, String> struct(String arg) {
        String a = arg.trim();
        if (a.endsWith("*/") && a.lastIndexOf("/*") > 0) {
            // strace's comment after a structure: {tv_sec=1796431995, tv_nsec=0} /* 2026-12-05T00:53:15+0000 */
            a = a.substring(0, a.lastIndexOf("/*")).trim();
        }
        if (a.length() < 2 || a.charAt(0) != '{' || a.charAt(a.length() - 1) != '}') {
            throw new IllegalArgumentException("a structure {…}, not " + shorten(a));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : split(a.substring(1, a.length() - 1))) {
            int eq = f.indexOf('=');
            if (eq > 0 && f.substring(0, eq).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                out.put(f.substring(0, eq), f.substring(eq + 1));
            }
        }
        return out;
    }

    /** The elements of an array {@code [a, b, ...]}, as printed; a trailing {@code ...} is dropped. */
    public static List<String> array(String arg) {
        String a = arg.trim();
        if (a.length() < 2 || a.charAt(0) != '[' || a.charAt(a.length() - 1) != ']') {
            throw new IllegalArgumentException("an array […], not " + shorten(a));
        }
        List<String> out = new ArrayList<>(split(a.substring(1, a.length() - 1)));
        out.removeIf(e -> e.equals("...") || e.isEmpty());
        return out;
    }

    /** {@code bytes} with C escapes for quotes, backslashes and bytes outside printable ASCII, as strace writes. */
    public static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** At most 60 characters of {@code s}, for messages. */
    static String shorten(String s) {
        return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...'";
    }
}
