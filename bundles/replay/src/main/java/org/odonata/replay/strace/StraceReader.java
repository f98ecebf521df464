package org.odonata.replay.strace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads strace's text output as {@code strace -f -s N -o FILE} writes it ({@code strace/src/strace.c},
 * {@code syscall.c}): each line is {@code [PID] [TIMESTAMP] BODY}, the pid plain ({@code -o FILE -f}) or as
 * {@code [pid N]} (output to a terminal), the timestamp {@code HH:MM:SS} ({@code -t}), {@code HH:MM:SS.µs}
 * ({@code -tt}) or {@code SECONDS.µs} ({@code -ttt}); the body a call {@code name(args) = result [<duration>]}, the
 * first half of a call another process interrupted ({@code name(args <unfinished ...>}) or its second half
 * ({@code <... name resumed>args) = result}), an exit ({@code +++ exited with 0 +++}) or a signal
 * ({@code --- SIGCHLD {…} ---}). Calls are joined and ordered by completion, as strace printed them. The file is read
 * as ISO-8859-1, one char per byte (strace escapes what is not printable ASCII), and may be gzip-compressed
 * ({@code .gz}). Anything else is a {@link TraceFormatException} naming the file, the line and what was expected.
 */
public final class StraceReader {

    private static final String UNFINISHED = "<unfinished ...>";
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final String source;
    private final List<TraceEvent> events = new ArrayList<>();
    private final Map<Integer, Pending> pending = new HashMap<>();
    private int lineNo;
    /** 0 until the first line says, then 1 (timestamps) or -1 (none). */
    private int timestamps;
    private boolean durations;
    private long lastTimeOfDay = -1;
    private long dayOffset;

    /** The first half of a call another process interrupted. */
    private record Pending(int line, String name, String partial, long start) {
    }

    private StraceReader(String source) {
        this.source = source;
    }

    /** Reads a trace file, gzip-compressed when its name ends in {@code .gz}. */
    public static Trace read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 65536) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 65536)) {
            return parse(file.toString(), r);
        }
    }

    /** Reads a trace; {@code source} names it in messages. */
    public static Trace parse(String source, BufferedReader in) throws IOException {
        StraceReader r = new StraceReader(source);
        String line;
        while ((line = in.readLine()) != null) {
            r.lineNo++;
            if (!line.isBlank()) {
                try {
                    r.line(line);
                } catch (TraceFormatException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new TraceFormatException(source, r.lineNo, "expected " + e.getMessage());
                }
            }
        }
        List<Integer> left = new ArrayList<>(r.pending.keySet());
        left.sort(null);
        for (int pid : left) {
            r.abandon(pid);
        }
        return new Trace(source, r.events, r.timestamps > 0, r.durations, r.lineNo);
    }

    private TraceFormatException error(String expected) {
        return new TraceFormatException(source, lineNo, "expected " + expected);
    }

    private void line(String line) {
        int i = 0;
        int pid = 0;
        int n = line.length();
        if (line.startsWith("[pid ")) {
            int close = line.indexOf(']');
            if (close < 0) {
                throw error("] after [pid N");
            }
            pid = pid(line.substring(5, close).trim());
            i = skipSpaces(line, close + 1);
        } else {
            int j = 0;
            while (j < n && Character.isDigit(line.charAt(j))) {
                j++;
            }
            if (j > 0 && j < n && line.charAt(j) == ' ') {
                pid = pid(line.substring(0, j));
                i = skipSpaces(line, j);
            }
        }
        long start = -1;
        int j = i;
        while (j < n && Character.isDigit(line.charAt(j))) {
            j++;
        }
        if (j > i && j < n && (line.charAt(j) == ':' || line.charAt(j) == '.')) {
            int sp = line.indexOf(' ', j);
            if (sp < 0) {
                throw error("a system call after the timestamp");
            }
            start = timestamp(line.substring(i, sp));
            i = skipSpaces(line, sp);
        }
        if (timestamps == 0) {
            timestamps = start >= 0 ? 1 : -1;
        } else if ((timestamps > 0) != (start >= 0)) {
            throw error(timestamps > 0 ? "a timestamp, as on the lines before" : "no timestamp, as on the lines before");
        }
        String body = line.substring(i);
        if (body.startsWith("+++ ")) {
            exit(pid, body);
        } else if (body.startsWith("--- ")) {
            if (!body.endsWith(" ---")) {
                throw error("--- at the end of the signal line");
            }
            events.add(new Signal(lineNo, pid, body.substring(4, body.length() - 4)));
        } else if (body.startsWith("<... ")) {
            resumed(pid, body);
        } else {
            call(pid, body, start);
        }
    }

    private int pid(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw error("a process id, not '" + digits + "'");
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** {@code HH:MM:SS[.frac]} (time of day; a wrap past midnight adds a day) or {@code SECONDS.frac}. */
    private long timestamp(String t) {
        try {
            int dot = t.indexOf('.');
            String whole = dot < 0 ? t : t.substring(0, dot);
            long frac = 0;
            if (dot >= 0) {
                String f = t.substring(dot + 1);
                if (f.isEmpty() || f.length() > 9 || !f.chars().allMatch(Character::isDigit)) {
                    throw error("a timestamp's fraction of a second, not '" + t + "'");
                }
                frac = Long.parseLong(f) * (long) Math.pow(10, 9 - f.length());
            }
            if (whole.indexOf(':') < 0) {
                return Long.parseLong(whole) * 1_000_000_000L + frac;
            }
            String[] hms = whole.split(":");
            if (hms.length != 3) {
                throw error("a timestamp HH:MM:SS, not '" + t + "'");
            }
            long tod = ((Long.parseLong(hms[0]) * 60 + Long.parseLong(hms[1])) * 60 + Long.parseLong(hms[2]))
                    * 1_000_000_000L + frac;
            if (lastTimeOfDay >= 0 && tod < lastTimeOfDay - DAY_NANOS / 2) {
                dayOffset += DAY_NANOS;
            }
            lastTimeOfDay = tod;
            return tod + dayOffset;
        } catch (NumberFormatException e) {
            throw error("a timestamp, not '" + t + "'");
        }
    }

    private void exit(int pid, String body) {
        if (!body.endsWith(" +++") || body.length() < 8) {
            throw error("+++ at the end of the exit line");
        }
        String text = body.substring(4, body.length() - 4);
        int status = -1;
        String signal = null;
        if (text.startsWith("exited with ")) {
            try {
                status = Integer.parseInt(text.substring(12).trim());
            } catch (NumberFormatException e) {
                throw error("an exit status after 'exited with', not '" + text.substring(12) + "'");
            }
        } else if (text.startsWith("killed by ")) {
            String s = text.substring(10).trim();
            int sp = s.indexOf(' ');
            signal = sp < 0 ? s : s.substring(0, sp);
        } else if (!text.startsWith("superseded by execve")) {
            throw error("'exited with N', 'killed by SIGNAL' or 'superseded by execve' between the +++");
        }
        abandon(pid);
        events.add(new ProcessExit(lineNo, pid, status, signal, text));
    }

    /** A pending call that will never return (its process ended, or the trace did): kept without a result. */
    private void abandon(int pid) {
        Pending p = pending.remove(pid);
        if (p != null) {
            List<String> args;
            try {
                String partial = p.partial.strip();
                args = StraceText.split(partial.endsWith(",") ? partial.substring(0, partial.length() - 1) : partial);
            } catch (IllegalArgumentException e) {
                args = List.of();
            }
            events.add(new Syscall(p.line, p.line, pid, p.name, args, null, p.start, -1));
        }
    }

    private void call(int pid, String body, long start) {
        int paren = body.indexOf('(');
        if (paren <= 0 || !isName(body, paren)) {
            throw error("a system call NAME(…), a +++ exit line or a --- signal line, not "
                    + StraceText.shorten(body));
        }
        if (pending.containsKey(pid)) {
            throw error("the <... " + pending.get(pid).name + " resumed> of pid " + pid + " before its next call");
        }
        String name = body.substring(0, paren);
        finish(pid, lineNo, name, body.substring(paren + 1), start);
    }

    private static boolean isName(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_') || c > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private void resumed(int pid, String body) {
        int r = body.indexOf(" resumed>");
        if (r < 0) {
            throw error("'<... NAME resumed>'");
        }
        String name = body.substring(5, r);
        Pending p = pending.remove(pid);
        if (p == null || !p.name.equals(name)) {
            throw error("an earlier '" + name + "(… <unfinished ...>' of pid " + pid + " for this '<... " + name
                    + " resumed>'");
        }
        finish(pid, p.line, name, p.partial + body.substring(r + 9), p.start);
    }

    /** {@code text} is everything after the call's opening parenthesis. */
    private void finish(int pid, int firstLine, String name, String text, long start) {
        int close = StraceText.closingParen(text, 0);
        if (close < 0) {
            String t = text.stripTrailing();
            if (!t.endsWith(UNFINISHED)) {
                throw error("')' closing the arguments of " + name + ", or '" + UNFINISHED + "'");
            }
            String partial = t.substring(0, t.length() - UNFINISHED.length());
            pending.put(pid, new Pending(firstLine, name, partial.endsWith(" ") ? partial.substring(0,
                    partial.length() - 1) : partial, start));
            return;
        }
        String rest = text.substring(close + 1).trim();
        if (rest.equals(UNFINISHED)) {
            pending.put(pid, new Pending(firstLine, name, text.substring(0, close + 1), start));
            return;
        }
        if (!rest.startsWith("=")) {
            throw error("' = RESULT' after the arguments of " + name + ", not " + StraceText.shorten(rest));
        }
        String result = rest.substring(1).trim();
        long duration = -1;
        if (result.endsWith(">")) {
            int lt = result.lastIndexOf(" <");
            String d = lt < 0 ? "" : result.substring(lt + 2, result.length() - 1);
            if (!d.isEmpty() && d.chars().allMatch(c -> Character.isDigit(c) || c == '.') && d.indexOf('.') > 0) {
                duration = durationNanos(d);
                durations = true;
                result = result.substring(0, lt).trim();
            }
        }
        Ret ret;
        try {
            ret = Ret.parse(result);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage() + " (" + name + ")");
        }
        events.add(new Syscall(firstLine, lineNo, pid, name, StraceText.split(text.substring(0, close)), ret, start,
                duration));
    }

    private long durationNanos(String d) {
        int dot = d.indexOf('.');
        String f = d.substring(dot + 1);
        if (f.length() > 9) {
            throw error("a duration with at most 9 decimals, not <" + d + ">");
        }
        return Long.parseLong(d.substring(0, dot)) * 1_000_000_000L
                + (f.isEmpty() ? 0 : Long.parseLong(f) * (long) Math.pow(10, 9 - f.length()));
    }
}
