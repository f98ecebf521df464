package org.odonata.fs.hammer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The harness against a filesystem known to be right, and against one known to lose fsync'd data. */
class ToyCrashEnumerationTest {

    static final CrashEnumeration.Config CONFIG = new CrashEnumeration.Config(1 << 20, 512,
            CrashStates.Sampling.DEFAULT);

    @Test
    void correctFilesystemPassesEverySeq1CrashState() {
        CrashEnumeration.Result result = new CrashEnumeration(new ToyFs(true), CONFIG).run(AceWorkloads.seq1());
        System.out.println("toy fs, seq-1: " + result.summary());
        assertEquals(List.of(), result.failures().stream().limit(5).toList());
        assertTrue(result.crashStates() > result.workloads(), "persisting workloads have several states each");
    }

    @Test
    void filesystemThatNeverFlushesIsCaught() {
        CrashEnumeration.Result result = new CrashEnumeration(new ToyFs(false), CONFIG).run(AceWorkloads.seq1());
        System.out.println("toy fs without flushes, seq-1: " + result.summary());
        assertTrue(result.failures().size() > 0, "lost fsyncs must be reported");
        CrashEnumeration.Failure example = result.failures().getFirst();
        System.out.println("  e.g. " + example);
        assertTrue(result.failures().stream().anyMatch(f -> f.workload().equals("create(/B); fsync(/B)")
                && f.problem().startsWith("/B is absent but must be a file")), result.failures().toString());
    }
}
