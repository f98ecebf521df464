package org.odonata.replay.strace;

/**
 * What strace printed after {@code =}: a value ({@code 3}, {@code -1}, {@code 0x7f…}, octal {@code 022} for
 * {@code umask}), or {@code ?} when the call did not return (exit, or a process killed during it); the Linux error
 * name after {@code -1}; the {@code -y} path of a returned descriptor; and strace's note in parentheses.
 *
 * @param text   the text after {@code =}, without the {@code -T} duration
 * @param known  false for {@code ?}
 * @param value  the value (0 when not known)
 * @param errno  the Linux error name ({@code ENOENT}), or null on success
 * @param fdPath the {@code -y} path of a returned descriptor, or null
 * @param note   the parenthesised note ({@code No such file or directory}, {@code flags O_RDONLY}), or null
 */
public record Ret(String text, boolean known, long value, String errno, byte[] fdPath, String note) {

    /** Whether the call succeeded with a known value. */
    public boolean ok() {
        return known && errno == null;
    }

    public boolean failed() {
        return errno != null;
    }

    /**
     * Parses strace's return text.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    static Ret parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a return value after =");
        }
        int sp = t.indexOf(' ');
        String head = sp < 0 ? t : t.substring(0, sp);
        String rest = sp < 0 ? "" : t.substring(sp + 1).trim();
        boolean known = !head.equals("?");
        long value = 0;
        byte[] fdPath = null;
        if (known) {
            if (!StraceText.isNumber(head)) {
                throw new IllegalArgumentException("a number or ? after =, not " + StraceText.shorten(head));
            }
            value = StraceText.number(head);
            fdPath = StraceText.annotation(head);
        }
        String errno = null;
        if (!rest.isEmpty() && rest.charAt(0) == 'E' && (value == -1 || !known)) {
            int end = 0;
            while (end < rest.length() && (Character.isUpperCase(rest.charAt(end)) || Character.isDigit(rest.charAt(end))
                    || rest.charAt(end) == '_')) {
                end++;
            }
            errno = rest.substring(0, end);
            rest = rest.substring(end).trim();
        }
        String note = null;
        if (!rest.isEmpty()) {
            if (rest.charAt(0) != '(' || rest.charAt(rest.length() - 1) != ')') {
                if (!rest.startsWith("<")) {
                    throw new IllegalArgumentException("an error name or a note in parentheses after the value, not "
                            + StraceText.shorten(rest));
                }
            } else {
                note = rest.substring(1, rest.length() - 1);
            }
        }
        if (known && value == -1 && errno == null && note != null && note.startsWith("errno ")) {
            errno = "errno" + note.substring(6).trim();
        }
        return new Ret(t, known, value, errno, fdPath, note);
    }
}
