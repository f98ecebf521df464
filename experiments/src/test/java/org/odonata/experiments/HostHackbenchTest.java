package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.cost.CostModel;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.experiments.calibration.CostProfile;
import org.odonata.experiments.calibration.HackbenchFigure;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecError;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.sched.lwkt.dfly.DflyTunables;

/**
 * specs/host-hackbench.yaml in short (one trial of 5 ms per group count): simulated hackbench on the calibrated
 * host against the real hackbench figures recorded in the same profile (issue 9 §4). The calibrated variant's
 * machine must carry the profile's costs, calibration must move throughput in the direction of the costs it
 * changed, the model's eevdf must switch about as often per message as the host's Linux did (within 5x;
 * dfly switches 11-80x as often), dfly must switch about twice per wakeup (the mechanism behind its rate), and the
 * ratio simulated/real of time per message is computed per group count and written to
 * {@code target/host-hackbench.md}. The ±25% goal is not asserted: see experiments/README.md's Validation for
 * where the time goes.
 */
class HostHackbenchTest {

    private static final Path PROFILE = Path.of("calibration/amd-epyc-2cpu.yaml");

    @Test
    void theCalibratedProfileDrivesTheSimulationAndItsRatioToTheHostIsReported() throws IOException {
        List<SpecError> errors = new ArrayList<>();
        CostProfile profile = CostProfile.read(PROFILE, errors).orElseThrow(() -> new AssertionError(errors));
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("specs/host-hackbench.yaml"),
                List.of("trials=1", "warmup=20ms", "measure=5ms"));
        assertEquals(profile.costModel().asMap(), c.points().getFirst().variants().getFirst().machine().costs(),
                "the calibrated variant runs on the profile's costs");
        assertEquals(CostModel.defaults().asMap(), c.points().getFirst().variants().get(2).machine().costs());
        Map<Long, HackbenchFigure> real = new TreeMap<>();
        profile.hackbench().forEach(h -> real.put((long) h.groups(), h));
        ExperimentRun run = new ExperimentRunner(impl).run(c, 2, line -> { });
        double window = 5e-3;
        int cpus = Integer.parseInt(profile.host().get("cpus"));
        Map<String, Map<Long, Map<String, Double>>> sim = new TreeMap<>();
        for (TrialResult r : run.results()) {
            assertTrue(r.ok(), String.valueOf(r.failure()));
            long groups = ((Number) r.trial().point().point().get("workloads.hackbench.groups")).longValue();
            Map<String, Double> m = r.metrics();
            double messages = m.get("throughput") * window;
            sim.computeIfAbsent(r.trial().variant().name(), k -> new TreeMap<>()).put(groups, Map.of(
                    "ns", 1e9 / m.get("throughput"),
                    "cpuNs", m.get("cpu_util") * cpus * window * 1e9 / messages,
                    "switches", m.get("context_switches") / messages,
                    "wakeups", m.get("wakeups") / messages,
                    "steals", m.get("user_reschedules") / messages));
        }
        assertEquals(real.keySet(), sim.get("calibrated").keySet(), "the spec sweeps the profile's group counts");

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "# host-hackbench: simulated / real%n%n"
                + "profile: %s (%s, %s CPUs, load %s at the start, %s at the end)%n%n"
                + "| groups | variant | sim ns/msg | real ns/msg | ratio | sim CPU ns/msg | real CPU ns/msg "
                + "| CPU ratio "
                + "| sim switches/msg | real switches/msg |%n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|%n",
                PROFILE, profile.host().get("model"), profile.host().get("cpus"), profile.host().get("loadavgStart"),
                profile.host().get("loadavgEnd")));
        boolean slowerSwitch = profile.costModel().nanos(profile.costModel().contextSwitch())
                > CostModel.defaults().nanos(CostModel.defaults().contextSwitch());
        for (Map.Entry<Long, HackbenchFigure> e : real.entrySet()) {
            HackbenchFigure h = e.getValue();
            for (String variant : List.of("calibrated", "eevdf", "preset")) {
                Map<String, Double> v = sim.get(variant).get(e.getKey());
                double ratio = v.get("ns") / h.nanosPerMessage();
                assertTrue(Double.isFinite(ratio) && ratio > 0, variant + " groups " + e.getKey() + ": " + ratio);
                report.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.3f "
                        + "| %.3f |%n", e.getKey(), variant, v.get("ns"), h.nanosPerMessage(), ratio, v.get("cpuNs"),
                        h.cpuNanosPerMessage(), v.get("cpuNs") / h.cpuNanosPerMessage(), v.get("switches"),
                        h.switchesPerMessage()));
            }
            // the README's account of the gap rests on this: a Linux-like scheduler on the model switches about as
            // often per message as the host's Linux did (dfly: 11-80x as often), so dfly's higher rate is the scheduler's, not the model's
            double eevdfSwitches = sim.get("eevdf").get(e.getKey()).get("switches");
            assertTrue(eevdfSwitches < 5 * h.switchesPerMessage() && eevdfSwitches > h.switchesPerMessage() / 5,
                    String.format(Locale.ROOT, "groups %d: eevdf %.3f switches/msg, host %.3f", e.getKey(),
                            eevdfSwitches, h.switchesPerMessage()));
            Map<String, Double> cal = sim.get("calibrated").get(e.getKey());
            // dfly's rate, as DragonFly makes it: a reader woken in pipe_read was raised to TDPRI_KERN_USER
            // (lwkt_passive_release), so it runs as soon as the sender leaves the kernel, then in dfly_acquire_curproc
            // steals the designation or queues and switches back: two switches per wakeup
            double perWakeup = cal.get("switches") / cal.get("wakeups");
            assertTrue(perWakeup > 1.5 && perWakeup < 2.5, String.format(Locale.ROOT,
                    "groups %d: dfly %.2f switches per wakeup", e.getKey(), perWakeup));
            Map<String, Double> pre = sim.get("preset").get(e.getKey());
            // a costlier switch on the host must make every simulated message dearer, a cheaper one cheaper
            assertEquals(slowerSwitch, cal.get("ns") > pre.get("ns"), String.format(Locale.ROOT,
                    "groups %d: calibrated %.0f ns/msg vs preset %.0f", e.getKey(), cal.get("ns"), pre.get("ns")));
        }
        CostModel m = profile.costModel();
        double switchNs = m.nanos(m.contextSwitch());
        double syscallNs = m.nanos(m.syscallEntry() + m.syscallExit());
        report.append(String.format(Locale.ROOT, "%nThe model's counters per message:%n%n| groups | variant | wakeups "
                + "| switches per wakeup | user reschedules |%n|---:|---|---:|---:|---:|%n"));
        for (Long g : real.keySet()) {
            for (String variant : List.of("calibrated", "eevdf")) {
                Map<String, Double> v = sim.get(variant).get(g);
                report.append(String.format(Locale.ROOT, "| %d | %s | %.3f | %.2f | %.3f |%n", g, variant,
                        v.get("wakeups"), v.get("switches") / v.get("wakeups"), v.get("steals")));
            }
        }
        report.append(String.format(Locale.ROOT, "%nWhere the CPU time per message goes (calibrated costs: a switch "
                + "%.0f ns, a system call %.0f ns, two calls per message):%n%n| groups | variant | switches "
                + "| system calls | the rest |%n|---:|---|---:|---:|---:|%n", switchNs, syscallNs));
        for (Long g : real.keySet()) {
            HackbenchFigure h = real.get(g);
            Map<String, Double> host = Map.of("switches", h.switchesPerMessage(), "cpuNs", h.cpuNanosPerMessage());
            breakdown(report, g, "host", host, switchNs, syscallNs);
            breakdown(report, g, "calibrated", sim.get("calibrated").get(g), switchNs, syscallNs);
            breakdown(report, g, "eevdf", sim.get("eevdf").get(g), switchNs, syscallNs);
        }
        Path out = Path.of("target/host-hackbench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.print(report);
    }

    /**
     * A diagnostic, not DragonFly: dfly with {@code fast_resched} 200, so that no normal-class LWP preempts or steals
     * from another (their priorities differ by less than 128), switches about as rarely per message as the host's Linux
     * did at 2 groups (0.060), where the real dfly switches more than once per message. So dfly's rate is its wakeup
     * decision ({@code dfly_setrunqueue_dd}'s reschedule, {@code dfly_acquire_curproc}'s steal), not the costs.
     */
    @Test
    void withoutWakeupStealsDflySwitchesAsRarelyAsTheHost(@TempDir Path dir) throws IOException {
        DflyTunables d = DflyTunables.DEFAULTS;
        DflyTunables noSteal = new DflyTunables(d.weight1(), d.weight2(), d.weight3(), d.weight4(), d.weight5(),
                d.weight6(), d.weight7(), d.features(), 200, d.rrInterval(), d.pollTicks(), d.ipcSmt(), d.ipcSame(),
                d.forkBias());
        UserSchedulerFactory factory = DflyVariant.factory("dflynosteal",
                "dfly with fast_resched 200: no wakeup preemption between normal-class LWPs", noSteal);
        Path spec = dir.resolve("nosteal.yaml");
        Files.writeString(spec, String.format(Locale.ROOT, """
                name: nosteal
                machine:
                  topology: %s
                  costs: {profile: %s}
                variants:
                  - {name: dfly, sched: dfly}
                  - {name: nosteal, sched: dflynosteal}
                workloads:
                  - type: hackbench
                    parameters: {groups: 2, fds: 10, loops: 0, datasize: 100, mode: process, barrier: true}
                trials: 1
                seed: 7
                warmup: 20ms
                measure: 5ms
                metrics: [throughput, context_switches]
                """, Path.of("calibration/amd-epyc-2cpu-sysfs").toAbsolutePath(), PROFILE.toAbsolutePath()));
        Implementations impl = RealImplementations.all(List.of(factory));
        ExperimentRun run = new ExperimentRunner(impl).run(new SpecReader(impl).read(spec, List.of()), 2, line -> { });
        Map<String, Double> switches = new TreeMap<>();
        for (TrialResult r : run.results()) {
            assertTrue(r.ok(), String.valueOf(r.failure()));
            switches.put(r.trial().variant().name(), r.metrics().get("context_switches")
                    / (r.metrics().get("throughput") * 5e-3));
        }
        assertTrue(switches.get("dfly") > 0.5, "dfly switches per message: " + switches);
        assertTrue(switches.get("nosteal") < 0.2, "without steals, switches per message: " + switches);
    }

    /** One row of the split of CPU time per message into switches, the two system calls and the rest. */
    private static void breakdown(StringBuilder report, long g, String who, Map<String, Double> v, double switchNs,
            double syscallNs) {
        double inSwitches = v.get("switches") * switchNs;
        double inCalls = 2 * syscallNs;
        double cpu = v.get("cpuNs");
        report.append(String.format(Locale.ROOT, "| %d | %s | %.0f%% | %.0f%% | %.0f%% (%.0f ns) |%n", g, who,
                100 * inSwitches / cpu, 100 * inCalls / cpu, 100 * (cpu - inSwitches - inCalls) / cpu,
                cpu - inSwitches - inCalls));
    }
}
