package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.experiments.rtapp.RtAppEvent;
import org.odonata.experiments.rtapp.RtAppFile;
import org.odonata.experiments.rtapp.RtAppPolicy;
import org.odonata.experiments.rtapp.RtAppTask;

class RtAppFileTest {

    static List<Path> exampleFiles() throws IOException {
        Path dir = RealImplementations.rtAppExamples();
        assumeTrue(dir != null, "rt-app examples not found at <repo>/../shared/data/rt-app; skipped");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyExampleFileImports() throws IOException {
        List<Path> files = exampleFiles();
        assertEquals(15, files.size(), files.toString());
        for (Path f : files) {
            RtAppFile file = RtAppFile.read(f);
            assertTrue(!file.tasks().isEmpty(), f.toString());
        }
    }

    @Test
    void repeatedKeysKeepTheirOrder() {
        RtAppFile f = RtAppFile.parse(Path.of("x.json"), """
                { "tasks": { "t": { "loop": 1, "run": 15000, "resume": "u", "run": 7000, "sleep": 8000 },
                             "u": { "suspend": "u" } } }
                """);
        List<RtAppEvent> ev = f.task("t").phases().get(0).events();
        assertEquals(List.of(RtAppEvent.Kind.RUN, RtAppEvent.Kind.RESUME, RtAppEvent.Kind.RUN, RtAppEvent.Kind.SLEEP),
                ev.stream().map(RtAppEvent::kind).toList());
        assertEquals(15000, ev.get(0).amount());
        assertEquals(7000, ev.get(2).amount());
    }

    @Test
    void commentsTrailingCommasAndBareSuspendAreAccepted() {
        RtAppFile f = RtAppFile.parse(Path.of("x.json"), """
                { /* a comment */ "tasks": { "t": { "suspend", "run": 10, }, // line comment
                  }, "global": { "duration": 2, "calibration": "CPU0", } }
                """);
        RtAppEvent suspend = f.task("t").phases().get(0).events().get(0);
        assertEquals(RtAppEvent.Kind.SUSPEND, suspend.kind());
        assertEquals("t", suspend.ref());
        assertEquals(2, f.durationSeconds());
        assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("calibration")), f.notes().toString());
    }

    @Test
    void numberedEventNamesArePrefixMatched() {
        RtAppFile f = RtAppFile.parse(Path.of("x.json"), """
                { "tasks": { "t": { "runtime1": 1000, "sleep1": 2000, "barrier1": "FIRST" } } }
                """);
        assertEquals(List.of(RtAppEvent.Kind.RUNTIME, RtAppEvent.Kind.SLEEP, RtAppEvent.Kind.BARRIER),
                f.task("t").phases().get(0).events().stream().map(RtAppEvent::kind).toList());
    }

    @Test
    void phasesLoopsAndInstances() {
        RtAppFile f = RtAppFile.parse(Path.of("x.json"), """
                { "tasks": { "t": { "instance": 12, "loop": 1, "phases": {
                    "light": { "loop": 10, "run": 3000, "timer": { "ref": "unique", "period": 30000 } },
                    "heavy": { "loop": 10, "run": 27000, "timer": { "ref": "unique", "period": 30000 } } } } } }
                """);
        RtAppTask t = f.task("t");
        assertEquals(12, t.instances());
        assertEquals(1, t.loop());
        assertEquals(List.of("light", "heavy"), t.phases().stream().map(p -> p.name()).toList());
        assertEquals(30000, t.phases().get(1).events().get(1).amount());
    }

    @Test
    void policiesMapOntoDragonFlyClasses() {
        assertEquals(new RtAppPolicy("SCHED_OTHER", SchedClass.NORMAL, -19, -1), RtAppPolicy.of("SCHED_OTHER", -19));
        assertEquals(SchedClass.REALTIME, RtAppPolicy.of("SCHED_FIFO", 99).schedClass());
        assertEquals(1, RtAppPolicy.of("SCHED_FIFO", 99).level());
        assertEquals(16, RtAppPolicy.of("SCHED_FIFO", 50).level());
        assertEquals(31, RtAppPolicy.of("SCHED_RR", 1).level());
        assertEquals(SchedClass.IDLE, RtAppPolicy.of("SCHED_IDLE", 0).schedClass());
        assertEquals(new RtAppPolicy("SCHED_DEADLINE", SchedClass.REALTIME, 0, 0), RtAppPolicy.of("SCHED_DEADLINE", 0));
    }

    @Test
    void errorsNameTheFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtAppFile.parse(Path.of("bad.json"), "{ \"tasks\": {\n \"t\": { \"run\": \"long\" } } }"));
        assertTrue(e.getMessage().startsWith("bad.json:2:"), e.getMessage());
    }

    // --- issue 15: rt-app files are checked before anything runs (audit F12, F13) ---------------------------

    private static String refused(String json) {
        return assertThrows(IllegalArgumentException.class, () -> RtAppFile.parse(Path.of("x.json"), json))
                .getMessage();
    }

    @Test
    void mutexMisuseIsRefusedAtItsLine() {
        assertEquals("x.json:2: task \"t\" unlocks mutex \"m\", which it does not hold at that point (lock it first)",
                refused("{ \"tasks\": { \"t\": {\n \"unlock\": \"m\", \"run\": 10 } } }"));
        assertTrue(refused("{ \"tasks\": { \"t\": { \"wait\": { \"ref\": \"c\", \"mutex\": \"m\" } } } }")
                .contains("waits on \"c\" without holding its mutex \"m\""));
        assertTrue(refused("{ \"tasks\": { \"t\": { \"lock\": \"m\", \"lock1\": \"m\" } } }")
                .contains("locks mutex \"m\", which it already holds: it would wait for itself forever"));
        // held at the end of one loop and taken again at the start of the next
        assertTrue(refused("{ \"tasks\": { \"t\": { \"loop\": -1, \"lock\": \"m\", \"run\": 10 } } }")
                .contains("already holds"));
        RtAppFile fine = RtAppFile.parse(Path.of("x.json"), "{ \"tasks\": { \"t\": { \"lock\": \"m\", "
                + "\"wait\": { \"ref\": \"c\", \"mutex\": \"m\" }, \"unlock\": \"m\" } } }");
        assertTrue(fine.notes().stream().noneMatch(n -> n.contains("deadlock")), fine.notes().toString());
    }

    @Test
    void mutexesTakenInOppositeOrdersAreANote() {
        RtAppFile f = RtAppFile.parse(Path.of("x.json"), """
                { "tasks": {
                  "a": { "lock": "x", "lock1": "y", "run": 10, "unlock": "y", "unlock1": "x" },
                  "b": { "lock": "y", "lock1": "x", "run": 10, "unlock": "x", "unlock1": "y" } } }
                """);
        assertTrue(f.notes().contains("task \"a\" takes mutex \"y\" while holding \"x\" and task \"b\" takes them "
                + "in the opposite order: they can deadlock, as on Linux"), f.notes().toString());
    }

    @Test
    void aTimerPeriodOfZeroAndDeepNestingAreRefused() {
        assertTrue(refused("{ \"tasks\": { \"t\": { \"run\": 10, \"timer\": { \"ref\": \"t\", \"period\": 0 } "
                + "} } }").contains("\"period\" expects an integer from 1"));
        String deep = "{\"tasks\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_001);
        assertTrue(refused(deep).contains("nested more than 64 deep"));
    }

    @Test
    void manyInstancesSayTheyStartOneAfterAnother() {
        RtAppFile f = RtAppFile.parse(Path.of("x.json"), "{ \"tasks\": { \"t\": { \"instance\": 5000, "
                + "\"run\": 10 } } }");
        assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("5000 task instances: rt-app's launcher forks them "
                + "one after another")), f.notes().toString());
    }

    @Test
    void anUnreadableFileSaysWhyInPlainWords(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assertEquals("cannot read the rt-app file /nonexistent.json: no such file or directory: /nonexistent.json",
                assertThrows(IllegalArgumentException.class, () -> RtAppFile.read(Path.of("/nonexistent.json")))
                        .getMessage());
        Path binary = Files.write(dir.resolve("bin.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x01});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RtAppFile.read(binary)).getMessage()
                .endsWith("the file is not UTF-8 text"));
    }
}
