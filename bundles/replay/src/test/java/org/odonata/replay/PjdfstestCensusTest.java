package org.odonata.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.odonata.replay.strace.StraceReader;
import org.odonata.replay.strace.Syscall;
import org.odonata.replay.strace.Trace;

/**
 * Opt-in: every pjdfstest script's trace (recorded by {@code traces/record-pjdfstest-all.sh} into the directory named by
 * {@code -Dodonata.pjdfstest.traces=DIR}) replayed on tmpfs and on HAMMER, with a table per pjdfstest group: scripts
 * that replay without a mismatched or unsupported call, and cases — runs of the pjdfstest program, one per
 * {@code expect} — whose calls all got the host's results (or DragonFly's, where it answers otherwise on purpose,
 * counted apart). Not part of the ordinary build (about 240 traces).
 */
class PjdfstestCensusTest {

    /** What one group's scripts added up to on one filesystem. */
    static final class Tally {
        int scripts;
        int scriptsOk;
        int cases;
        int casesMismatched;
        final Map<String, Long> unsupported = new TreeMap<>();
        final Map<String, Long> diverged = new TreeMap<>();
    }

    @Test
    void everyPjdfstestScriptReplaysOnTmpfsAndHammer() throws IOException {
        String dir = System.getProperty("odonata.pjdfstest.traces");
        assumeTrue(dir != null, "set -Dodonata.pjdfstest.traces=DIR to replay every pjdfstest script's trace");
        List<Path> traces;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            traces = s.filter(p -> p.toString().endsWith(".strace")).sorted().toList();
        }
        Map<String, Tally> table = new TreeMap<>();
        for (Path p : traces) {
            String name = p.getFileName().toString().replace(".strace", "");
            String group = name.substring(0, name.lastIndexOf('-'));
            Trace t;
            try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
                t = StraceReader.parse(name + ".strace", r);
            }
            Set<Integer> cases = new HashSet<>();
            Map<Integer, Integer> pidOfLine = new HashMap<>();
            for (Syscall c : t.calls()) {
                pidOfLine.put(c.line(), c.pid());
                pidOfLine.put(c.endLine(), c.pid());
                if (c.name().equals("execve") && c.ret() != null && c.ret().ok()
                        && c.arg(0).contains("pjdfstest/pjdfstest\"")) {
                    cases.add(c.pid());
                }
            }
            for (String fs : List.of("tmpfs", "hammer")) {
                ReplayReport rep = ReplayTest.replay(ReplayTest.boot(7, fs), t, "/tmp/odonata-trace/pjdall/" + name);
                Tally tl = table.computeIfAbsent(group + " " + fs, k -> new Tally());
                tl.scripts++;
                tl.scriptsOk += rep.ok() ? 1 : 0;
                tl.cases += cases.size();
                Set<Integer> bad = new HashSet<>();
                rep.mismatches().forEach(m -> bad.add(pidOfLine.getOrDefault(m.line(), -1)));
                bad.retainAll(cases);
                tl.casesMismatched += bad.size();
                rep.unsupportedBy().forEach((k, v) -> tl.unsupported.merge(k, v, Long::sum));
                rep.divergedBy().forEach((k, v) -> tl.diverged.merge(k, v, Long::sum));
                if (!rep.ok()) {
                    System.out.println("== " + name + " on " + fs + ": " + rep.format(5));
                }
            }
        }
        System.out.println(String.format(Locale.ROOT, "%-22s %8s %10s %s", "group fs", "scripts", "cases",
                "unsupported calls; answered as DragonFly"));
        table.forEach((k, v) -> System.out.println(String.format(Locale.ROOT, "%-22s %4d/%-4d %5d/%-5d %s %s", k,
                v.scriptsOk, v.scripts, v.cases - v.casesMismatched, v.cases, v.unsupported, v.diverged)));
    }
}
