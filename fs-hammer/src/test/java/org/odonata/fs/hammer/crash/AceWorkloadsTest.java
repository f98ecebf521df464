package org.odonata.fs.hammer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class AceWorkloadsTest {

    @Test
    void seq1CoversEveryValidOperationWithEveryPersistencePoint() {
        List<Workload> seq1 = AceWorkloads.seq1();
        System.out.println("seq-1 workloads: " + seq1.size() + ", seq-2 workloads: " + AceWorkloads.seq2().size());
        assertEquals(seq1.size(), new HashSet<>(seq1.stream().map(Workload::name).toList()).size(), "unique names");
        List<String> names = seq1.stream().map(Workload::name).toList();
        assertTrue(names.contains("create(/B); fsync(/B)"));
        assertTrue(names.contains("rename(/A,/D/B); fsync(/D)"));
        assertTrue(names.contains("rename(/A,/D/A); sync"), "rename over an existing file");
        assertTrue(names.contains("snapshot(s1); sync"));
        assertTrue(names.contains("mkdir(/E)"));
        assertTrue(names.stream().noneMatch(n -> n.startsWith("create(/A)")), "/A exists after setup");
        assertTrue(names.stream().noneMatch(n -> n.startsWith("rmdir(/D)")), "/D is not empty");
    }

    @Test
    void seq2IsEveryValidPairAndItsSampleIsSeededSubset() {
        List<Workload> seq2 = AceWorkloads.seq2();
        List<String> names = seq2.stream().map(Workload::name).toList();
        assertTrue(names.contains("unlink(/D/A); sync | rmdir(/D); fsync(/)"), "rmdir once emptied");
        assertTrue(names.contains("create(/B) | write(/B); fsync(/B)"));
        assertTrue(names.stream().noneMatch(n -> n.startsWith("unlink(/A)") && n.contains("| write(/A)")));
        int perFirst = AceWorkloads.steps(AceWorkloads.setupModel(), 1).size();
        assertTrue(seq2.size() > perFirst * 10, "each first step has many valid second steps");

        List<Workload> sample = AceWorkloads.seq2Sample(40, 7);
        assertEquals(40, new HashSet<>(sample).size());
        assertTrue(new HashSet<>(seq2).containsAll(sample));
        assertEquals(sample, AceWorkloads.seq2Sample(40, 7), "same seed, same sample");
    }

    @Test
    void setupModelHoldsDataHoleAndDataInBothFiles() {
        FsModel.View view = AceWorkloads.setupModel().view();
        assertEquals(java.util.Set.of("/A", "/D/A"), view.files().keySet());
        byte[] a = view.files().get("/A");
        assertEquals(FsModel.OVERWRITE_OFFSET + FsModel.OVERWRITE_BYTES, a.length);
        assertEquals(0, a[FsModel.APPEND_BYTES], "a hole between the append and the overwrite");
        assertTrue(a[0] != 0 && a[a.length - 1] != 0);
    }

    @Test
    void renameBetweenTwoLinksOfOneFileChangesNothing() {
        FsModel model = AceWorkloads.setupModel();
        model.apply(new FsOp.Link("/A", "/B"), 1, null);
        FsModel.View linked = model.view();
        model.apply(new FsOp.Rename("/B", "/A"), 2, null);
        assertEquals(linked.files().keySet(), model.view().files().keySet(), "POSIX: both names remain");
    }
}
