package org.odonata.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.Instrumentation;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odonata.api.bundle.Rule;
import org.odonata.api.bundle.Verdict;
import org.odonata.api.bundle.Violation;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.TopologyService;
import org.odonata.kern.KernelClock;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.kern.workload.Workloads;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

import org.odonata.experiments.report.ReportWriter;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.stats.MetricSummary;
import org.odonata.experiments.stats.Summary;
import org.odonata.experiments.workload.TokenScale;
import org.odonata.sched.lwkt.bsd4.Bsd4Factory;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Probes woven into the real dfly scheduler and kernel by retransformation: they count, time in virtual time and
 * break down by CPU, never change the run (same kernel digest with and without them), come out cleanly, and bad
 * input is refused in one line with nothing woven.
 */
class ProbeWeavingTest {

    private static final String PICK = "org.odonata.sched.lwkt.dfly.DflyScheduler#pickNext";
    private static ProbeManager manager;
    private static Instrumentation instrumentation;

    @BeforeAll
    static void attach() {
        instrumentation = ByteBuddyAgent.install();
        run();
        manager = new ProbeManager(instrumentation, new KernelClock(), ProbeManager.VerdictSource.none(),
                ProbeWeavingTest.class.getClassLoader());
    }

    @AfterAll
    static void detach() {
        manager.close();
    }

    @AfterEach
    void removeAll() {
        if (!manager.probes().isEmpty()) {
            manager.remove("*");
        }
    }

    /** The kernel factory as the framework wires it: a VFS with a tmpfs root. */
    private static KernelFactoryComponent kernels() {
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())));
    }

    /** A 4-core, 8-thread machine under dfly running hogs and a ping-pong pair for 40 ms; its kernel digest. */
    private static String run() {
        Machine m = new MachineFactoryComponent().create(new MachineSpec("probe", new TopologyService()
                .preset("laptop-4c8t"), CostModel.defaults(), List.of(), 11, EngineKind.CONTINUATION));
        try (Kernel k = kernels().boot(m, new DflyFactory(), new LwktTokenFactory())) {
            Workloads.get("cpuhog").start(k, List.of("6"));
            Workloads.get("pingpong").start(k, List.of("--pairs", "2"));
            k.runFor(40_000_000);
            return k.digest();
        }
    }

    @Test
    void probesCountAndTimeInVirtualTimeWithoutChangingTheRun() {
        String plain = run();
        String woven = manager.add(PICK, EnumSet.of(Probe.Kind.HIST), null, "picks");
        assertTrue(woven.contains("woven into 1 method"), woven);
        manager.add("org.odonata.sched.lwkt.dfly.*#selectCpu", EnumSet.of(Probe.Kind.ARGS, Probe.Kind.RET), null,
                "select");
        manager.add("org.odonata.kern.Lwkt#*", EnumSet.of(Probe.Kind.COUNT), "cpu == 0", "lwkt0");
        assertEquals(plain, run(), "the same digest with probes");
        Probe picks = manager.probe("picks").orElseThrow();
        assertTrue(picks.calls() > 100, "pickNext calls: " + picks.calls());
        String show = picks.show(manager.sitesOf(picks));
        assertTrue(show.contains("@[DflyScheduler#pickNext]") && show.contains("@[cpu")
                && show.contains("@lat") && show.contains("host cost:"), show);
        String select = manager.probe("select").orElseThrow().show(1);
        assertTrue(select.contains("arg1:") && select.contains("@ret:") && select.contains("numbers: min 0"), select);
        assertTrue(manager.probe("lwkt0").orElseThrow().show(1).contains("filter cpu == 0"));
        long before = picks.calls();
        manager.remove("*");
        assertEquals(plain, run(), "the same digest once removed");
        assertEquals(before, picks.calls(), "a removed probe sees nothing more");
    }

    @Test
    void aSpecsProbesLandInTheSummaryAsMetricsAndLeaveTheDigestAlone() throws java.io.IOException {
        String spec = """
                name: probed
                variants:
                  - {name: dfly, sched: dfly}
                  - {name: bsd4, sched: bsd4}
                workloads:
                  - type: tokenscale
                    parameters: {copies: 6, token: shared}
                trials: 2
                warmup: 1ms
                measure: 3ms
                """;
        Implementations impl = Implementations.of(new MachineFactoryComponent(), new TopologyService(),
                kernels(), List.of(new DflyFactory(), new Bsd4Factory()),
                List.of(new LwktTokenFactory()), List.of(new TokenScale()));
        SpecReader reader = new SpecReader(impl);
        ExperimentRun plain = new ExperimentRunner(impl, manager::attach).run(reader.read(java.nio.file.Path.of(
                "probed.yaml"), spec, List.of()), 2, line -> { });
        ExperimentRun probed = new ExperimentRunner(impl, manager::attach).run(reader.read(java.nio.file.Path.of(
                "probed.yaml"), spec + "probes:\n  - {target: 'org.odonata.kern.Tokens#gettoken', kind: hist, name: get}\n",
                List.of()), 2, line -> { });
        assertEquals(plain.digest(), probed.digest(), "probes never change a run's digest");
        assertTrue(manager.probes().isEmpty(), "the run's probes are gone once it ends");
        Summary summary = Summary.of(probed);
        MetricSummary count = summary.select("-", "tokenscale", "probe.get.count").get(0);
        assertTrue(count.estimate().mean() > 100, "gettoken calls per trial: " + count.estimate().mean());
        assertEquals("calls", count.unit().unit());
        assertEquals("ns", summary.select("-", "tokenscale", "probe.get.lat_p99_ns").get(0).unit().unit());
        java.nio.file.Path dir = ReportWriter.write(java.nio.file.Path.of("target/probe-results"), probed, summary,
                RunEnvironment.current());
        String json = java.nio.file.Files.readString(dir.resolve("summary.json"));
        assertTrue(json.contains("\"metric\" : \"probe.get.count\"") && json.contains("\"unit\" : \"calls\""));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new ExperimentRunner(impl,
                manager::attach).run(reader.read(java.nio.file.Path.of("probed.yaml"), spec + "probes:\n"
                + "  - {target: 'org.odonata.kern.Tokens#gettoken', name: ok}\n"
                + "  - {target: 'org.odonata.nosuch.X#y', name: bad}\n", List.of()), 1, line -> { }));
        assertTrue(bad.getMessage().startsWith("probes[1] (bad): probe target"), bad.getMessage());
        assertTrue(manager.probes().isEmpty(), "all or none: the first probe was taken back");
    }

    @Test
    void aTargetThatMatchesNothingOrAMalformedFilterIsOneLineAndWeavesNothing() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> manager.add("org.odonata.nosuch.*#foo", EnumSet.noneOf(Probe.Kind.class), null, null));
        assertTrue(none.getMessage().contains("matches no method"), none.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> manager.add("DflyScheduler.pickNext", EnumSet.noneOf(Probe.Kind.class), null, null));
        assertTrue(shape.getMessage().contains("is not Class#method"), shape.getMessage());
        IllegalArgumentException filter = assertThrows(IllegalArgumentException.class,
                () -> manager.add(PICK, EnumSet.noneOf(Probe.Kind.class), "cpu = = 1", null));
        assertTrue(filter.getMessage().startsWith("malformed filter") && !filter.getMessage().contains("\n"));
        assertTrue(manager.probes().isEmpty());
    }

    @Test
    void aMethodTheVerifierMarksUnsafeIsRefusedWithNothingWoven() {
        Violation v = new Violation("org.odonata.sched.lwkt.dfly.DflyScheduler",
                "pickNext(I)Lorg/odonata/api/sched/SchedThread;", 12, Rule.values()[0], "java.lang.System.nanoTime()J");
        ProbeManager strict = new ProbeManager(instrumentation, new KernelClock(),
                c -> c.getName().endsWith("DflyScheduler") ? Optional.of(new Verdict("org.odonata.sched.lwkt",
                        "1.0.0", "00", List.of(v), true)) : Optional.empty(), getClass().getClassLoader());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> strict.add("org.odonata.sched.lwkt.dfly.DflyScheduler#*", EnumSet.noneOf(Probe.Kind.class),
                        null, null));
        assertTrue(e.getMessage().contains("unsafe to weave") && e.getMessage().contains("nothing was woven"),
                e.getMessage());
        assertTrue(strict.probes().isEmpty());
    }

    /** Defines a class from bytes in a loader of its own, as a bundle's class loader defines a class it loads. */
    private static final class DefiningLoader extends ClassLoader {
        DefiningLoader() {
            super(ProbeWeavingTest.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    @Test
    void aClassDefinedLaterIsWovenAsItIsDefinedExceptAMethodTheVerifierMarksUnsafe() throws Exception {
        String late = "org.odonata.probefixture.Late";
        assertEquals(1, new org.odonata.probefixture.Early().tick());
        byte[] bytes;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream(late.replace('.', '/')
                + ".class")) {
            bytes = in.readAllBytes();
        }
        String added = manager.add("org.odonata.probefixture.*#t*", EnumSet.of(Probe.Kind.COUNT), null, "late");
        assertTrue(added.contains("woven into 1 method of 1 class"), "only Early is loaded: " + added);
        Violation clock = new Violation(late, "tock()I", 0, Rule.HOST_CLOCK, "java.lang.System.nanoTime()J");
        byte[] woven = manager.weaveDefined(late, bytes, getClass().getClassLoader(), Optional.of(new Verdict(
                "org.example.late", "1.0.0", "00", List.of(clock), true)));
        assertTrue(woven != null && !java.util.Arrays.equals(bytes, woven));
        Class<?> c = new DefiningLoader().define(late, woven);
        Object o = c.getConstructor().newInstance();
        assertEquals(2, c.getMethod("tick").invoke(o), "woven code behaves as before");
        assertEquals(3, c.getMethod("tock").invoke(o));
        Probe p = manager.probe("late").orElseThrow();
        String show = p.show(manager.sitesOf(p));
        assertTrue(show.contains("@[Late#tick]: 1") && !show.contains("@[Late#tock]"), show);
        assertTrue(show.contains("not woven: org.odonata.probefixture.Late#tock: the bundle verifier marks")
                && show.contains("unsafe to weave"), show);
        assertEquals(2, manager.sitesOf(p), "Early#tick and Late#tick");
        assertEquals(null, manager.weaveDefined("org.odonata.elsewhere.Late", bytes, getClass().getClassLoader(),
                Optional.empty()), "a class no probe names is left alone");
    }

    @Test
    void anInheritedMethodIsRefusedNamingTheClassThatDeclaresIt() {
        assertEquals(4, new org.odonata.probefixture.Derived().inherited());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> manager.add("org.odonata.probefixture.Derived#inherited", EnumSet.of(Probe.Kind.COUNT), null,
                        null));
        assertTrue(e.getMessage().contains("matches no method") && e.getMessage().contains("the method is inherited: "
                + "name the class that declares it, 'org.odonata.probefixture.Base#inherited'"), e.getMessage());
        assertTrue(manager.probes().isEmpty());
        String added = manager.add("org.odonata.probefixture.Base#inherited", EnumSet.of(Probe.Kind.COUNT), null,
                "base");
        assertTrue(added.contains("woven into 1 method of 1 class"), added);
        new org.odonata.probefixture.Derived().inherited();
        String show = manager.probe("base").orElseThrow().show(1);
        assertTrue(show.contains("@[Base#inherited]: 1"), "a call on the subclass counts at the declaring class: "
                + show);
    }

    @Test
    void aSingleStarThatStopsShortOfThePackageSaysWhatWouldMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> manager.add("org.odonata.sched.*#pickNext", EnumSet.noneOf(Probe.Kind.class), null, null));
        assertTrue(e.getMessage().contains("matches no method") && e.getMessage().endsWith("'*' stays within one "
                + "package, 'org.odonata.sched.**#pickNext' would match"), e.getMessage());
        assertTrue(manager.probes().isEmpty());
    }

    @Test
    void aTargetNamingOnlyAClassNotLoadedYetIsTakenUnlessTheVerifierMarksItUnsafe() {
        // what the bundles' entries would list: a class no test loads (InstalledClasses reads real bundles, see itest)
        String late = "org.odonata.probefixture.NeverLoaded";
        Violation clock = new Violation(late, "tock()I", 0, Rule.HOST_CLOCK, "java.lang.System.nanoTime()J");
        Optional<Verdict> verdict = Optional.of(new Verdict("org.example.late", "1.0.0", "00", List.of(clock), true));
        ProbeManager m = new ProbeManager(instrumentation, new KernelClock(), ProbeManager.VerdictSource.none(),
                (t, loaded) -> java.util.stream.Stream.of("tick", "tock").filter(t::matchesMethod)
                        .filter(x -> t.matchesClass(late))
                        .map(x -> new ProbeManager.LaterMethod(late, x, "()I", verdict)).toList(),
                getClass().getClassLoader());
        try {
            assertEquals("probe tick: " + late + "#tick woven into 0 methods of 0 classes; 1 method of 1 class not "
                    + "loaded yet, woven as it loads", m.add(late + "#tick", EnumSet.noneOf(Probe.Kind.class), null,
                    "tick"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.add(late + "#t*", EnumSet.noneOf(Probe.Kind.class), null, "both"));
            assertTrue(e.getMessage().contains("tock()I") && e.getMessage().contains("unsafe to weave"),
                    e.getMessage());
            assertEquals(List.of("tick"), m.probes().stream().map(Probe::name).toList());
        } finally {
            m.close();
        }
    }
}
