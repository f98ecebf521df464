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
    void garbageAndNamesNeverCreatedAreCaught() {
        Map<String, byte[]> files = setupFilesWith(null, null);
        byte[] a = files.get("/A").clone();
        a[FsModel.APPEND_BYTES] = 42;
        files.put("/A", a);
        files.put("/Z", new byte[0]);
        List<String> problems = oracle.check(walk(files), 0);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("/A holds 22000 bytes matching no expected version (state 0: "
                + "22000 bytes); vs state 0 first differs at byte 5000"), problems.get(0));
        assertEquals("/Z is a file but must be absent (states 0..0)", problems.get(1));
    }
}
