package org.odonata.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a replay did: calls replayed on the simulated kernel, skipped (outside the traced directory, not file calls,
 * without a result), unsupported under the directory (by name), unknown to Linux (by name), answered as DragonFly
 * answers where it differs from the Linux host on purpose (by reason), and mismatched (each with its trace line and
 * what differed).
 */
public final class ReplayReport {

    /**
     * A replayed call whose simulated result differed from the recorded one.
     *
     * @param line the trace line the call started on
     * @param call the call as recorded, shortened
     * @param what what differed ({@code got -1 ENOENT}, {@code data differs at byte 12})
     */
    public record Mismatch(int line, String call, String what) {
    }

    private final String source;
    private final Map<String, Long> skipped;
    private final Map<String, Long> unsupported;
    private final Map<String, Long> unknown;
    private final Map<String, Long> diverged = new TreeMap<>();
    private final List<Mismatch> mismatches = new ArrayList<>();
    private long replayed;
    private long virtualNanos;
    private String stalled;

    ReplayReport(String source, Map<String, Long> skipped, Map<String, Long> unsupported, Map<String, Long> unknown) {
        this.source = source;
        this.skipped = new TreeMap<>(skipped);
        this.unsupported = new TreeMap<>(unsupported);
        this.unknown = new TreeMap<>(unknown);
    }

    void replayedOne() {
        replayed++;
    }

    void mismatch(int line, String call, String what) {
        mismatches.add(new Mismatch(line, call, what));
    }

    void diverged(String why) {
        diverged.merge(why, 1L, Long::sum);
    }

    /** Calls that got DragonFly's answer where the Linux host answered otherwise, by reason. */
    public Map<String, Long> divergedBy() {
        return Map.copyOf(diverged);
    }

    void finished(long nanos) {
        virtualNanos = nanos;
    }

    void stalled(String why) {
        stalled = why;
    }

    public String source() {
        return source;
    }

    public long replayed() {
        return replayed;
    }

    public long skipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long unsupported() {
        return unsupported.values().stream().mapToLong(Long::longValue).sum();
    }

    public long unknown() {
        return unknown.values().stream().mapToLong(Long::longValue).sum();
    }

    public long mismatched() {
        return mismatches.size();
    }

    /** Skipped calls by reason. */
    public Map<String, Long> skippedBy() {
        return Map.copyOf(skipped);
    }

    /** Unsupported calls by name (and why). */
    public Map<String, Long> unsupportedBy() {
        return Map.copyOf(unsupported);
    }

    /** Calls that are no Linux x86-64 system call, by name. */
    public Map<String, Long> unknownBy() {
        return Map.copyOf(unknown);
    }

    public List<Mismatch> mismatches() {
        return List.copyOf(mismatches);
    }

    /** Virtual time from the first replayed process's start to the last one's end. */
    public long virtualNanos() {
        return virtualNanos;
    }

    /** Why the replay could not finish, or null. */
    public String stalled() {
        return stalled;
    }

    /** No call under the directory mismatched or was unsupported, and the replay finished. */
    public boolean ok() {
        return mismatches.isEmpty() && unsupported.isEmpty() && stalled == null;
    }

    /** The report {@code fs:replay} prints, with at most {@code maxMismatches} mismatches listed. */
    public String format(int maxMismatches) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "replayed %d calls, skipped %d, unsupported %d, unknown %d, "
                + "mismatched %d%n", replayed, skipped(), unsupported(), unknown(), mismatches.size()));
        if (!skipped.isEmpty()) {
            sb.append("  skipped: ").append(counts(skipped)).append('\n');
        }
        if (!unsupported.isEmpty()) {
            sb.append("  unsupported: ").append(counts(unsupported)).append('\n');
        }
        if (!unknown.isEmpty()) {
            sb.append("  unknown: ").append(counts(unknown)).append('\n');
        }
        if (!diverged.isEmpty()) {
            sb.append("  answered as DragonFly, not as the host: ").append(counts(diverged)).append('\n');
        }
        if (stalled != null) {
            sb.append("  stalled: ").append(stalled).append('\n');
        }
        if (!mismatches.isEmpty()) {
            int n = Math.min(maxMismatches, mismatches.size());
            sb.append("  mismatched (").append(n == mismatches.size() ? "all" : "first " + n).append("):\n");
            for (Mismatch m : mismatches.subList(0, n)) {
                sb.append("    ").append(source).append(':').append(m.line()).append(": ").append(m.call())
                        .append(": ").append(m.what()).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String counts(Map<String, Long> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return format(20);
    }
}
