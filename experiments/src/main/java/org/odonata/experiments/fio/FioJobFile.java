package org.odonata.experiments.fio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A fio job file (fio's ini format: {@code [global]} and one section per job, {@code key=value} or a bare
 * {@code key}, {@code ;} or {@code #} comments) restricted to a documented subset: {@code rw}, {@code rwmixread},
 * {@code bs}, {@code size}, {@code numjobs}, {@code ioengine} ({@code psync} or {@code sync}), {@code fsync},
 * {@code direct} (accepted and ignored: the model has no page cache to bypass), {@code runtime},
 * {@code time_based}, {@code filename}, {@code directory}, plus {@code description} and {@code group_reporting},
 * which change nothing. Sizes take fio's suffixes ({@code k}, {@code m}, {@code g}, powers of 1024), times fio's
 * units ({@code us}, {@code ms}, {@code s}, {@code m}, {@code h}; seconds by default). Any other option is an error
 * naming its line; nothing is silently dropped.
 *
 * @param notes what was accepted but not modelled, one sentence each
 */
public record FioJobFile(Path source, List<FioJob> jobs, List<String> notes) {

    private static final Set<String> KEYS = Set.of("rw", "readwrite", "rwmixread", "bs", "blocksize", "size",
            "numjobs", "ioengine", "fsync", "direct", "runtime", "time_based", "filename", "directory",
            "description", "group_reporting", "name");

    public FioJobFile {
        jobs = List.copyOf(jobs);
        notes = List.copyOf(notes);
    }

    /** @throws IllegalArgumentException naming the file, line and what was expected */
    public static FioJobFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read fio job file " + file + ": " + e.getMessage());
        }
        return parse(file, text);
    }

    /** @throws IllegalArgumentException naming the file, line and what was expected */
    public static FioJobFile parse(Path file, String text) {
        Map<String, String[]> global = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<Map<String, String[]>> sections = new ArrayList<>();
        Map<String, String[]> current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new IllegalArgumentException(where + ": expected a section header such as [job1], found '"
                            + line + "'");
                }
                String name = line.substring(1, line.length() - 1).strip();
                if (name.equals("global")) {
                    current = global;
                } else {
                    current = new LinkedHashMap<>();
                    names.add(name);
                    sections.add(current);
                }
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException(where + ": expected a section header ([global] or [job]) before '"
                        + line + "'");
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unsupported fio option '" + key + "'; supported: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
            current.put(key, new String[] {value, where});
        }
        if (sections.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected at least one job section besides [global]");
        }
        List<String> notes = new ArrayList<>();
        List<FioJob> jobs = new ArrayList<>();
        for (int j = 0; j < sections.size(); j++) {
            Map<String, String[]> o = new LinkedHashMap<>(global);
            o.putAll(sections.get(j));
            jobs.add(job(names.get(j), o, notes, file));
        }
        return new FioJobFile(file, jobs, notes);
    }

    private static FioJob job(String name, Map<String, String[]> o, List<String> notes, Path file) {
        String rwText = value(o, "rw", value(o, "readwrite", "read"));
        FioJob.Rw rw = switch (rwText.toLowerCase(Locale.ROOT)) {
            case "read" -> FioJob.Rw.READ;
            case "write" -> FioJob.Rw.WRITE;
            case "randread" -> FioJob.Rw.RANDREAD;
            case "randwrite" -> FioJob.Rw.RANDWRITE;
            case "rw", "readwrite" -> FioJob.Rw.RW;
            case "randrw" -> FioJob.Rw.RANDRW;
            default -> throw bad(o, o.containsKey("rw") ? "rw" : "readwrite",
                    "read, write, randread, randwrite, rw, readwrite or randrw");
        };
        int mix = (int) number(o, "rwmixread", 50, 0, 100);
        long bs = size(o, o.containsKey("bs") ? "bs" : "blocksize", 4096);
        if (bs <= 0 || bs > 16L << 20 || bs % 512 != 0) {
            throw bad(o, o.containsKey("bs") ? "bs" : "blocksize", "a block size, a multiple of 512 up to 16m");
        }
        if (!o.containsKey("size")) {
            throw new IllegalArgumentException(file + ": job [" + name + "]: missing size= (bytes of file each "
                    + "job works on)");
        }
        long size = size(o, "size", 0);
        if (size < bs) {
            throw bad(o, "size", "at least one block (" + bs + " bytes)");
        }
        int numjobs = (int) number(o, "numjobs", 1, 1, 1024);
        String engine = value(o, "ioengine", "psync");
        if (!engine.equals("psync") && !engine.equals("sync")) {
            throw bad(o, "ioengine", "psync or sync (the engines this model has)");
        }
        int fsync = (int) number(o, "fsync", 0, 0, Integer.MAX_VALUE);
        if (o.containsKey("direct") && !value(o, "direct", "0").equals("0")) {
            String note = "direct=1 is ignored: the model has no page cache to bypass";
            if (!notes.contains(note)) {
                notes.add(note);
            }
        }
        long runtime = o.containsKey("runtime") ? time(o, "runtime") : 0;
        boolean timeBased = o.containsKey("time_based") && !value(o, "time_based", "1").equals("0");
        String filename = o.containsKey("filename") ? value(o, "filename", null) : null;
        String directory = value(o, "directory", "/");
        return new FioJob(name, rw, mix, (int) bs, size / bs * bs, numjobs, engine, fsync, runtime, timeBased,
                filename, directory);
    }

    private static String value(Map<String, String[]> o, String key, String def) {
        String[] v = o.get(key);
        return v == null ? def : v[0];
    }

    private static long number(Map<String, String[]> o, String key, long def, long min, long max) {
        if (!o.containsKey(key)) {
            return def;
        }
        try {
            long v = Long.parseLong(value(o, key, ""));
            if (v < min || v > max) {
                throw bad(o, key, "a number from " + min + " to " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(o, key, "a number from " + min + " to " + max);
        }
    }

    /** fio's sizes: a number with k, m, g or t (and an optional b or ib), powers of 1024. */
    static long size(Map<String, String[]> o, String key, long def) {
        if (!o.containsKey(key)) {
            return def;
        }
        String s = value(o, key, "").toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long mult = 1;
        if (!s.isEmpty()) {
            char c = s.charAt(s.length() - 1);
            int shift = switch (c) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
            if (shift > 0) {
                mult = 1L << shift;
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            return Long.parseLong(s.strip()) * mult;
        } catch (NumberFormatException e) {
            throw bad(o, key, "a size such as 4k, 64m or 1g");
        }
    }

    /** fio's times: seconds by default, or a number with us, ms, s, m or h. */
    static long time(Map<String, String[]> o, String key) {
        String s = value(o, key, "").toLowerCase(Locale.ROOT);
        long unit = 1_000_000_000L;
        String[][] units = {{"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}, {"m", "60000000000"},
            {"h", "3600000000000"}};
        for (String[] u : units) {
            if (s.endsWith(u[0]) && !(u[0].equals("s") && (s.endsWith("us") || s.endsWith("ms")))) {
                unit = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        try {
            long v = Long.parseLong(s.strip());
            if (v < 0) {
                throw bad(o, key, "a duration such as 10, 500ms or 2m");
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw bad(o, key, "a duration such as 10, 500ms or 2m");
        }
    }

    private static IllegalArgumentException bad(Map<String, String[]> o, String key, String expected) {
        String[] v = o.get(key);
        return new IllegalArgumentException(v[1] + ": " + key + "=" + v[0] + ": expected " + expected);
    }
}
