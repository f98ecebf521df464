package org.odonata.fs.hammer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.fs.hammer.fs.FsyncMode;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;

/**
 * HAMMER recovers from a power cut at every point of every ACE workload: the full seq-1 space and a seeded
 * sample of seq-2 in every build, the full seq-2 space with {@code -Dodonata.crash.full=true}.
 */
class CrashEnumerationTest {

    /** 32 MB of 256 KB big-blocks: every zone gets its own big-blocks, and the UNDO FIFO has four. */
    static final long VOLUME = 32L << 20;
    static final NewfsOptions NEWFS = NewfsOptions.withBigBlock(256 << 10);
    static final int SEQ2_SAMPLE = 250;
    static final long SEED = 20181008;

    static CrashEnumeration.Result run(List<Workload> workloads, String what) {
        return run(workloads, what, MountOptions.defaults());
    }

    static CrashEnumeration.Result run(List<Workload> workloads, String what, MountOptions mount) {
        CrashEnumeration.Config config = new CrashEnumeration.Config(VOLUME, 512, CrashStates.Sampling.DEFAULT);
        CrashEnumeration.Result result = new CrashEnumeration(new HammerTarget(NEWFS, mount), config)
                .run(workloads);
        System.out.println("HAMMER " + what + ": " + result.summary());
        result.failures().stream().limit(20).forEach(f -> System.out.println("  FAIL " + f));
        return result;
    }

    @Test
    void everySeq1CrashStateRecovers() {
        assertEquals(List.of(), run(AceWorkloads.seq1(), "seq-1").failures().stream().limit(20).toList());
    }

    /** The harness has teeth on the real filesystem: with fsync turned into a no-op, fsync'd data is lost. */
    @Test
    void fsyncThatDoesNothingIsCaught() {
        List<Workload> fsyncs = AceWorkloads.seq1().stream()
                .filter(w -> w.steps().getFirst().persist() == Workload.Persist.FSYNC
                        && w.steps().getFirst().op() instanceof FsOp.Write)
                .toList();
        CrashEnumeration.Result result = run(fsyncs, "seq-1 writes with fsync mode IGNORE",
                MountOptions.defaults().withFsyncMode(FsyncMode.IGNORE));
        assertTrue(result.failures().size() >= fsyncs.size(), "every ignored fsync loses data somewhere");
    }

    @Test
    void seededSeq2SampleRecovers() {
        assertEquals(List.of(), run(AceWorkloads.seq2Sample(SEQ2_SAMPLE, SEED), "seq-2 sample of "
                + SEQ2_SAMPLE + " (seed " + SEED + ")").failures().stream().limit(20).toList());
    }

    @Test
    void fullSeq2SpaceRecovers() {
        assumeTrue(Boolean.getBoolean("odonata.crash.full"),
                "the full seq-2 space runs only with -Dodonata.crash.full=true");
        assertEquals(List.of(), run(AceWorkloads.seq2(), "seq-2 full").failures().stream().limit(20).toList());
    }
}
