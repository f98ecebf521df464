package org.odonata.fs.hammer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The oracle's windows on one step, {@code rename(/A,/B); fsync(/B)}, logged as operations 3..7. */
class OracleTest {

    final FsModel model = AceWorkloads.setupModel();
    final FsModel.View setup = model.view();
    final Oracle oracle = new Oracle(setup);

    OracleTest() {
        Workload.Step step = new Workload.Step(new FsOp.Rename("/A", "/B"), Workload.Persist.FSYNC);
        oracle.stepStarted(3);
        model.apply(step.op(), 1, null);
        oracle.stepCompleted(step, model.view(), 7);
    }

    FsWalk walk(Map<String, byte[]> files) {
        return new FsWalk(files, Set.of("/", "/D"), List.of());
    }

    Map<String, byte[]> setupFilesWith(String from, String to) {
        Map<String, byte[]> files = new HashMap<>(setup.files());
        if (from != null) {
            files.put(to, files.remove(from));
        }
        return files;
    }

    @Test
    void beforeTheFsyncReturnsEitherNameIsFine() {
        assertEquals(List.of(), oracle.check(walk(setupFilesWith(null, null)), 5));
        assertEquals(List.of(), oracle.check(walk(setupFilesWith("/A", "/B")), 5));
    }

    @Test
    void afterTheFsyncTheNewNameMustExist() {
        List<String> problems = oracle.check(walk(setupFilesWith(null, null)), 7);
        assertEquals(List.of("/B is absent but must be a file (states 1..1)"), problems);
    }

    @Test
    void aFileNeverLosesAllItsNames() {
        Map<String, byte[]> files = setupFilesWith(null, null);
        files.remove("/A");
        List<String> problems = oracle.check(walk(files), 5);
        assertEquals(List.of("a file alive since state 0 lost all its names [/A, /B]"), problems);
    }

    @Test
    void oldAndNewBytesMayMixUntilTheFsyncReturns() {
        Oracle overwrite = new Oracle(setup);
        FsModel m = AceWorkloads.setupModel();
        Workload.Step step = new Workload.Step(new FsOp.Overwrite("/A"), Workload.Persist.FSYNC);
        overwrite.stepStarted(0);
        m.apply(step.op(), 1, null);
        overwrite.stepCompleted(step, m.view(), 4);
        byte[] mixed = setup.files().get("/A").clone();
        System.arraycopy(m.view().files().get("/A"), 0, mixed, 0, 16384);
        Map<String, byte[]> files = setupFilesWith(null, null);
        files.put("/A", mixed);
        assertEquals(List.of(), overwrite.check(walk(files), 3), "first block replayed, second not yet");
        assertEquals(List.of("/A: byte 16384 (0x" + Integer.toHexString(mixed[16384] & 0xff)
                + ") is in no version of states 1..1"), overwrite.check(walk(files), 4), "fsync returned");
    }

    @Test
    void garbageAndNamesNeverCreatedAreCaught() {
        Map<String, byte[]> files = setupFilesWith(null, null);
        byte[] a = files.get("/A").clone();
        a[FsModel.APPEND_BYTES] = 42;
        files.put("/A", a);
        files.put("/Z", new byte[0]);
        List<String> problems = oracle.check(walk(files), 0);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("/A: byte 5000 (0x2a) is in no version of states 0..0", problems.get(0));
        assertEquals("/Z is a file but must be absent (states 0..0)", problems.get(1));
    }
}
