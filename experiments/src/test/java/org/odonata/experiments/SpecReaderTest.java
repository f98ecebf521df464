package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.SpecError;
import org.odonata.experiments.spec.SpecException;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.spec.TimedEvent;

class SpecReaderTest {

    private static final String BASE = """
            name: t
            variants:
              - {name: a, sched: dfly}
              - {name: b, sched: fifo, sync: ticket}
            workloads:
              - type: hackbench
                parameters: {groups: 3}
            """;

    private final SpecReader reader = new SpecReader(RealImplementations.all());

    private ResolvedConfig read(String text, String... sets) {
        return reader.read(Path.of("t.yaml"), text, List.of(sets));
    }

    private SpecError only(String text, String... sets) {
        SpecException e = assertThrows(SpecException.class, () -> read(text, sets));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    @Test
    void fillsEveryDefault() {
        Spec s = read(BASE).points().get(0);
        assertEquals(5, s.trials());
        assertEquals(1, s.seed());
        assertEquals(100_000_000L, s.warmup());
        assertEquals(1_000_000_000L, s.measure());
        assertEquals("laptop-4c8t", s.variants().get(0).machine().preset());
        assertEquals("lwkt", s.variants().get(0).sync());
        assertEquals(3L, s.variants().get(0).workloads().get(0).parameters().get("groups"));
        assertEquals(100L, s.variants().get(0).workloads().get(0).parameters().get("loops"));
        assertEquals(1200L, s.variants().get(0).machine().costs().get("contextSwitch"));
    }

    @Test
    void unknownKeyIsReportedWithLineColumnAndTheValidKeys() {
        SpecError e = only(BASE + "trails: 3\n");
        assertEquals("t.yaml", e.file());
        assertEquals(8, e.line());
        assertEquals(1, e.column());
        assertEquals("trails", e.field());
        assertTrue(e.message().contains("trials"), e.message());
    }

    @Test
    void badDurationNamesTheFieldAndTheExpectedForm() {
        SpecError e = only(BASE + "measure: 2 seconds\n");
        assertEquals("measure", e.field());
        assertEquals(8, e.line());
        assertTrue(e.message().contains("such as 500ms"), e.message());
    }

    @Test
    void unknownSchedulerListsTheAvailableOnes() {
        SpecError e = only(BASE.replace("sched: fifo", "sched: cfs"));
        assertEquals("variants[1].sched", e.field());
        assertEquals(4, e.line());
        assertTrue(e.message().contains("dfly") && e.message().contains("fifo"), e.message());
    }

    @Test
    void workloadParameterOfTheWrongTypeIsRejected() {
        SpecError e = only(BASE.replace("groups: 3", "groups: many"));
        assertEquals("workloads[0].parameters.groups", e.field());
        assertEquals(7, e.line());
        assertTrue(e.message().contains("an integer"), e.message());
    }

    @Test
    void cpuOfflineAndCpuOnlineEventsAreReadInTimeOrder() {
        Spec s = read(BASE + "events:\n  - {at: 8ms, cpu-online: 3}\n  - {at: 5ms, cpu-offline: 3}\n")
                .points().get(0);
        assertEquals(List.of(new TimedEvent(5_000_000L, TimedEvent.Kind.CPU_OFFLINE, "3"),
                new TimedEvent(8_000_000L, TimedEvent.Kind.CPU_ONLINE, "3")), s.events());
        assertEquals("cpu-offline", s.events().get(0).toMap().get("kind"));
        assertEquals("cpu-online", s.events().get(1).toMap().get("kind"));
    }

    @Test
    void aCpuEventNeedsANonNegativeIntegerAndSaysWhere() {
        SpecError e = only(BASE + "events:\n  - {at: 10ms, cpu-offline: three}\n");
        assertEquals("events[0].cpu-offline", e.field());
        assertEquals(9, e.line());
        assertEquals(29, e.column());
        assertTrue(e.message().contains("expected an integer from 0"), e.message());
        assertEquals("events[0].cpu-online", only(BASE + "events:\n  - {at: 10ms, cpu-online: -1}\n").field());
    }

    @Test
    void aCpuTheMachineDoesNotHaveIsReportedBeforeAnythingRuns() {
        SpecError e = only(BASE + "events:\n  - {at: 10ms, cpu-offline: 8}\n");
        assertEquals("events[0].cpu-offline", e.field());
        assertEquals("no CPU 8 on the machine of variant 'a' (8 CPUs: 0..7)", e.message());
    }

    @Test
    void anEventWithTwoKindsListsTheKinds() {
        SpecError e = only(BASE + "events:\n  - {at: 10ms, cpu-offline: 1, cpu-online: 1}\n");
        assertEquals("events[0]", e.field());
        assertTrue(e.message().contains("swap, cpu-offline, cpu-online, fault"), e.message());
    }

    @Test
    void setOverridesAnyKeyPathIncludingWorkloadParameters() {
        Spec s = read(BASE, "trials=2", "workloads.hackbench.loops=7", "machine.costs.contextSwitch=0")
                .points().get(0);
        assertEquals(2, s.trials());
        assertEquals(7L, s.variants().get(1).workloads().get(0).parameters().get("loops"));
        assertEquals(0L, s.variants().get(1).machine().costs().get("contextSwitch"));
    }

    @Test
    void badSetIsReportedAgainstTheSetItself() {
        SpecError e = only(BASE, "workloads.schbench.loops=7");
        assertEquals("--set workloads.schbench.loops=7", e.file());
        assertTrue(e.message().contains("hackbench"), e.message());
    }

    @Test
    void sweepMakesOnePointPerValue() {
        ResolvedConfig c = read(BASE.replace("name: t\n", "name: t\nmachine: {cpus: 1}\n")
                + "sweep: {machine.cpus: [1, 2, 4]}\n");
        assertEquals(3, c.points().size());
        assertEquals(4L, c.points().get(2).variants().get(0).machine().inline().get("coresPerPackage"));
        assertEquals("machine.cpus=2", c.points().get(1).pointLabel());
        assertEquals(3 * 2 * 5, c.trialCount());
    }

    @Test
    void aCpuStallFaultNeedsACpuTheMachineHasAndALength() {
        Spec s = read(BASE + "events:\n  - {at: 5ms, fault: {kind: cpu-stall, cpu: 7, for: 1.5ms}}\n")
                .points().get(0);
        assertEquals(List.of(new TimedEvent(5_000_000L, TimedEvent.Kind.CPU_STALL, "7", 1_500_000L)), s.events());
        SpecError missing = only(BASE + "events:\n  - {at: 5ms, fault: {kind: cpu-stall, cpu: 1}}\n");
        assertEquals("events[0].fault", missing.field());
        assertTrue(missing.message().contains("for: DURATION"), missing.message());
        SpecError far = only(BASE + "events:\n  - {at: 5ms, fault: {kind: cpu-stall, cpu: 8, for: 1ms}}\n");
        assertEquals("events[0].fault.cpu", far.field());
        SpecError kind = only(BASE + "events:\n  - {at: 5ms, fault: {kind: smi}}\n");
        assertEquals("expected disk-power-cut or cpu-stall", kind.message());
    }

    @Test
    void sysctlsHaveTheirDefaultsAndTakeFlatNestedSetAndVariantValues() {
        String spec = BASE.replace("name: t\n", "name: t\nmachine:\n  sysctl: {lwkt.token_spin_budget_ns: -1}\n")
                .replace("{name: b, sched: fifo, sync: ticket}",
                        "{name: b, sched: fifo, parameters: {machine.sysctl.lwkt.spin_loops: 3}}");
        Spec s = read(spec).points().get(0);
        assertEquals(10L, s.variants().get(0).machine().sysctl().get("lwkt.spin_loops"));
        assertEquals(-1L, s.variants().get(0).machine().sysctl().get("lwkt.token_spin_budget_ns"));
        assertEquals(3L, s.variants().get(1).machine().sysctl().get("lwkt.spin_loops"));
        assertEquals(-1L, s.variants().get(1).machine().sysctl().get("lwkt.token_spin_budget_ns"));
        assertEquals(new KernelFactoryComponent().sysctls().size(), s.variants().get(0).machine().sysctl().size());
        Spec set = read(spec, "machine.sysctl.lwkt.token_spin_budget_ns=500").points().get(0);
        assertEquals(500L, set.variants().get(0).machine().sysctl().get("lwkt.token_spin_budget_ns"));
        assertEquals(0L, read(BASE).points().get(0).variants().get(0).machine().sysctl()
                .get("lwkt.token_spin_budget_ns"));
    }

    @Test
    void unknownSysctlsAndOutOfRangeValuesAreReportedWithWhatIsValid() {
        SpecError unknown = only(BASE.replace("name: t\n", "name: t\nmachine:\n  sysctl: {lwkt.spin_loop: 3}\n"));
        assertEquals("machine.sysctl.lwkt.spin_loop", unknown.field());
        assertEquals(3, unknown.line());
        assertTrue(unknown.message().contains("lwkt.spin_loops"), unknown.message());
        assertTrue(unknown.message().contains("lwkt.token_spin_budget_ns"), unknown.message());
        SpecError range = only(BASE, "machine.sysctl.lwkt.token_spin_budget_ns=-5");
        assertEquals("machine.sysctl.lwkt.token_spin_budget_ns", range.field());
        assertTrue(range.message().contains("from -1 to 1000000000"), range.message());
    }

    @Test
    void variantParametersOverrideItsMachineOnly() {
        Spec s = read(BASE.replace("{name: b, sched: fifo, sync: ticket}",
                "{name: b, sched: fifo, parameters: {machine.costs.atomicExtra: 99}}")).points().get(0);
        assertEquals(18L, s.variants().get(0).machine().costs().get("atomicExtra"));
        assertEquals(99L, s.variants().get(1).machine().costs().get("atomicExtra"));
    }

    @Test
    void zippedKeysVaryTogetherBesideTheCrossProduct() {
        ResolvedConfig c = read(BASE.replace("name: t\n", "name: t\nmachine: {cpus: 1}\n")
                + "sweep:\n  zip: {machine.cpus: [1, 2, 4], workloads.hackbench.groups: [1, 2, 4]}\n"
                + "  trials: [2, 3]\n");
        assertEquals(6, c.points().size());
        Spec p = c.points().get(4);
        assertEquals("machine.cpus=4,workloads.hackbench.groups=4,trials=2", p.pointLabel());
        assertEquals(4L, p.variants().get(0).machine().inline().get("coresPerPackage"));
        assertEquals(4L, p.variants().get(0).workloads().get(0).parameters().get("groups"));
        assertEquals(List.of("machine.cpus", "workloads.hackbench.groups"), c.zipped());
    }

    @Test
    void zippedListsMustBeEquallyLong() {
        SpecError e = only(BASE + "sweep: {zip: {machine.cpus: [1, 2], workloads.hackbench.groups: [1, 2, 4]}}\n");
        assertEquals("sweep.zip.workloads.hackbench.groups", e.field());
        assertTrue(e.message().contains("3 values but machine.cpus has 2"), e.message());
        assertEquals(8, e.line());
    }

    @Test
    void setReachesDottedKeysInsideSweepAndZip() {
        String spec = BASE.replace("name: t\n", "name: t\nmachine: {cpus: 1}\n")
                + "sweep: {machine.cpus: [1, 2, 4]}\n";
        ResolvedConfig c = read(spec, "sweep.machine.cpus=[2, 8]");
        assertEquals(2, c.points().size());
        assertEquals("machine.cpus=8", c.points().get(1).pointLabel());
        ResolvedConfig z = read(BASE.replace("name: t\n", "name: t\nmachine: {cpus: 1}\n"),
                "sweep.zip.machine.cpus=[1, 2]", "sweep.zip.workloads.hackbench.groups=[3, 6]");
        assertEquals("machine.cpus=2,workloads.hackbench.groups=6", z.points().get(1).pointLabel());
    }

    @Test
    void aBadSweepSetIsReportedAgainstTheSetArgument() {
        SpecError e = only(BASE.replace("name: t\n", "name: t\nmachine: {cpus: 1}\n"), "sweep.machine.cpus=4");
        assertEquals("--set sweep.machine.cpus=4", e.file());
        assertEquals("sweep.machine.cpus", e.field());
        assertTrue(e.message().contains("non-empty list"), e.message());
        SpecError bad = only(BASE.replace("name: t\n", "name: t\nmachine: {cpus: 1}\n"),
                "sweep.machine.cpus=[1, zero]");
        assertEquals("--set sweep.machine.cpus=[1, zero]", bad.file());
    }

    @Test
    void statsChoosesTheTestAndConfidence() {
        ResolvedConfig c = read(BASE + "stats: {test: wilcoxon, confidence: 0.9}\n");
        assertEquals("wilcoxon", c.stats().test().key());
        assertEquals(0.9, c.stats().confidence());
        assertEquals("paired-t", read(BASE).stats().test().key());
        assertEquals("welch", read(BASE, "stats.test=welch").stats().test().key());
        SpecError e = only(BASE + "stats: {test: anova}\n");
        assertTrue(e.message().contains("paired-t, wilcoxon, permutation, welch"), e.message());
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        SpecException e = assertThrows(SpecException.class, () -> read("""
                variants: []
                workloads: [{type: nosuch}]
                warmup: soon
                """));
        assertEquals(4, e.errors().size(), e.getMessage());
    }

    @Test
    void theExampleSpecsAreValid() throws java.io.IOException {
        List<Path> specs;
        try (var files = java.nio.file.Files.list(Path.of("specs"))) {
            specs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(specs.size() >= 6, specs.toString());
        for (Path spec : specs) {
            ResolvedConfig c = reader.read(spec, List.of());
            assertTrue(c.trialCount() > 0, spec.toString());
        }
    }

    // --- F2: names that would leave results/ -------------------------------------------------------------------

    @Test
    void anExperimentNameThatWouldLeaveResultsIsRefusedWhereItIsWritten() {
        for (String bad : List.of("..", ".", ".hidden", "a/b", "../../x", "/etc")) {
            SpecError e = only(BASE.replace("name: t", "name: '" + bad + "'"));
            assertEquals("name", e.field(), bad);
            assertEquals(1, e.line(), bad);
            assertEquals(7, e.column(), bad);
            assertTrue(e.message().contains("not starting with '.'"), e.message());
        }
        SpecError set = only(BASE, "name=..");
        assertEquals("name", set.field());
        assertTrue(set.file().equals("--set name=.."), set.toString());
        assertEquals("a.b-c_1", read(BASE.replace("name: t", "name: a.b-c_1")).name());
    }

    @Test
    void variantAndWorkloadNamesThatCannotNameAFileAreRefused() {
        SpecError v = only(BASE.replace("{name: a, sched: dfly}", "{name: '../../../w', sched: dfly}"));
        assertEquals("variants[0].name", v.field());
        assertEquals(3, v.line());
        SpecError w = only(BASE.replace("- type: hackbench", "- name: ..\n    type: hackbench"));
        assertEquals("workloads[0].name", w.field());
    }

    // --- F4, F11: bounds ---------------------------------------------------------------------------------------

    @Test
    void durationsAreBoundedAndNeverRoundToZero() {
        assertTrue(only(BASE + "measure: 31536000s\n").message().contains("at most 3600s"));
        assertTrue(only(BASE + "warmup: 9223372036s\n").message().contains("at most 3600s"));
        assertTrue(only(BASE + "measure: 1e-20s\n").message().contains("shorter than 1ns"));
        assertTrue(only(BASE + "measure: 0ms\n").message().contains("at least 1ns"));
        assertEquals(0, read(BASE + "warmup: 0ms\n").points().get(0).warmup());
    }

    @Test
    void aSweepOfAMillionPointsIsRefusedBeforeItIsExpanded() {
        StringBuilder thousand = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            thousand.append(i == 1 ? "" : ", ").append(i);
        }
        SpecError e = only(BASE + "sweep:\n  seed: [" + thousand + "]\n  trials: [" + thousand + "]\n");
        assertEquals("sweep", e.field());
        assertTrue(e.message().contains("1000 seed x 1000 trials"), e.message());
        SpecError trials = only(BASE + "trials: 20000\nsweep: {seed: [1, 2, 3]}\n");
        assertTrue(trials.message().contains("120000 trials; a run has at most 100000"), trials.message());
    }

    @Test
    void anInlineTopologyIsHeldToTheCpuCapBeforeAnythingIsAllocated() {
        SpecError e = only(BASE + "machine:\n  topology: {packages: 1000, coresPerPackage: 1000, "
                + "threadsPerCore: 8}\n");
        assertEquals("machine.topology", e.field());
        assertTrue(e.message().contains("8000000 CPUs; a simulated machine has at most 4096"), e.message());
    }

    // --- F8: files a spec names are read before any trial ---------------------------------------------------

    @Test
    void aTopologyFileThatIsNotAMachineIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        SpecException e = assertThrows(SpecException.class, () -> reader.read(dir.resolve("t.yaml"),
                BASE + "machine: {topology: passwd}\n", List.of()));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals("machine.topology", e.errors().get(0).field());
        assertEquals(8, e.errors().get(0).line());
    }

    // --- F12, F13: YAML corners ----------------------------------------------------------------------------------

    @Test
    void anAliasBombIsRefusedAtARealLine() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *")
                    .append((char) (c - 1)).append(", *").append((char) (c - 1)).append(", *")
                    .append((char) (c - 1)).append(", *").append((char) (c - 1)).append(", *")
                    .append((char) (c - 1)).append("]\n");
        }
        SpecError e = only(bomb.toString());
        assertTrue(e.line() > 1, e.toString());
        assertTrue(e.message().contains("aliases"), e.message());
    }

    @Test
    void mergeKeysAreRefusedWithAWayOut() {
        SpecError e = only(BASE.replace("{name: a, sched: dfly}", "{<<: {sched: dfly}, name: a}"));
        assertTrue(e.message().contains("merge keys"), e.message());
    }

    @Test
    void allowFailuresIsABoolean() {
        assertTrue(read(BASE + "allowFailures: true\n").allowFailures());
        assertEquals(false, read(BASE).allowFailures());
        assertEquals("allowFailures", only(BASE + "allowFailures: sometimes\n").field());
    }

    @Test
    void aSpecThatIsNotTextIsRefusedAtItsFirstLineBeforeItsBundlesAreLoaded(@TempDir Path dir) throws Exception {
        Path spec = Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x80});
        String m = assertThrows(SpecException.class, () -> reader.bundles(spec, List.of())).getMessage();
        assertTrue(m.contains("binary.yaml:1:1: -: cannot read the spec: the file is not UTF-8 text"), m);
    }
}
