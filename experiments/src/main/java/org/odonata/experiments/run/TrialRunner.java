package org.odonata.experiments.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelStats;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sync.LockStats;
import org.odonata.api.topology.Topology;
import org.odonata.experiments.spec.MachineConfig;
import org.odonata.experiments.spec.TimedEvent;
import org.odonata.experiments.workload.MeasuredRun;

/**
 * Runs one trial on the calling host thread: builds a fresh machine and kernel, starts the workload, runs
 * the warm-up, snapshots every counter, runs the measured window (stopping at each timed event to carry it
 * out) and turns the differences into metrics. A pure function of the trial: nothing here reads the host
 * clock except to report how long the trial took. Any exception becomes a failed result with its reason.
 */
public final class TrialRunner {

    private final Implementations impl;

    public TrialRunner(Implementations impl) {
        this.impl = impl;
    }

    public TrialResult run(Trial trial) {
        long hostStart = System.nanoTime();
        try {
            return measure(trial, hostStart);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return TrialResult.failed(trial, reason, System.nanoTime() - hostStart);
        }
    }

    private TrialResult measure(Trial trial, long hostStart) {
        MachineConfig mc = trial.variant().machine();
        Machine machine = impl.machines().create(machineSpec(trial, mc));
        Kernel booted;
        try {
            booted = impl.kernels().boot(machine, impl.scheduler(trial.variant().sched()),
                    impl.token(trial.variant().sync()));
        } catch (RuntimeException e) {
            machine.close();
            throw e;
        }
        try (Kernel kernel = booted) {
            WorkloadRun run = impl.workload(trial.workload().type()).start(kernel, trial.workload().args());
            long warmup = trial.point().warmup();
            long end = warmup + trial.point().measure();
            List<TimedEvent> events = trial.point().events();
            int next = advance(kernel, machine, events, 0, warmup);
            Snapshot before = Snapshot.of(kernel, run);
            if (run instanceof MeasuredRun m) {
                m.resetLatencies();
            }
            advance(kernel, machine, events, next, end);
            Snapshot after = Snapshot.of(kernel, run);
            Map<String, Double> metrics = metrics(trial, kernel, run, before, after);
            Map<String, Histogram> latencies = new LinkedHashMap<>();
            if (run instanceof MeasuredRun m) {
                m.latencies().forEach((name, h) -> latencies.put(name, h.copy()));
                latencies.forEach((name, h) -> Latency.metrics(name, h, metrics));
            }
            return new TrialResult(trial, null, metrics, latencies, kernel.digest(), System.nanoTime() - hostStart);
        }
    }

    /** Runs to {@code until}, carrying out events due before it; returns the index of the next event. */
    private int advance(Kernel kernel, Machine machine, List<TimedEvent> events, int next, long until) {
        while (next < events.size() && events.get(next).at() < until) {
            TimedEvent e = events.get(next++);
            kernel.runFor(e.at() - kernel.now());
            switch (e.kind()) {
                case SWAP_SCHED -> kernel.swapScheduler(impl.scheduler(e.target()));
                case SWAP_SYNC -> kernel.swapTokens(impl.token(e.target()));
                case DISK_POWER_CUT -> {
                    int disk = Integer.parseInt(e.target());
                    if (disk >= machine.disks().size()) {
                        throw new IllegalArgumentException("fault at " + e.at() + "ns: the machine has no disk "
                                + disk + " (it has " + machine.disks().size() + ")");
                    }
                    machine.disks().get(disk).powerCut();
                }
                default -> throw new AssertionError(e.kind());
            }
        }
        kernel.runFor(until - kernel.now());
        return next;
    }

    private MachineSpec machineSpec(Trial trial, MachineConfig mc) {
        Topology topology;
        if (mc.preset() != null) {
            topology = impl.topologies().preset(mc.preset());
        } else if (mc.topologyFile() != null) {
            topology = impl.topologies().load(mc.topologyFile());
        } else {
            topology = impl.topologies().fromSpec(mc.inline());
        }
        CostModel costs = CostModel.defaults();
        for (Map.Entry<String, Long> c : mc.costs().entrySet()) {
            costs = costs.with(c.getKey(), c.getValue());
        }
        long seed = mc.seed() != null ? mc.seed() : trial.seed();
        EngineKind engine = mc.engine().equals("virtual") ? EngineKind.VIRTUAL_THREAD : EngineKind.CONTINUATION;
        return new MachineSpec(trial.point().name() + "-" + trial.order(), topology, costs, List.of(), seed, engine);
    }

    private static Map<String, Double> metrics(Trial trial, Kernel kernel, WorkloadRun run, Snapshot a,
            Snapshot b) {
        double seconds = trial.point().measure() / 1e9;
        Map<String, Double> m = new LinkedHashMap<>();
        String tp = run instanceof MeasuredRun mr ? mr.throughputCounter() : null;
        if (tp == null && !b.counters().isEmpty()) {
            tp = b.counters().keySet().iterator().next();
        }
        if (tp != null) {
            m.put("throughput", (b.counters().getOrDefault(tp, 0L) - a.counters().getOrDefault(tp, 0L)) / seconds);
        }
        KernelStats x = a.stats();
        KernelStats y = b.stats();
        m.put("context_switches", (double) (y.contextSwitches() - x.contextSwitches()));
        m.put("migrations", (double) (y.migrations() - x.migrations()));
        m.put("ipis_sent", (double) (y.ipisSent() - x.ipisSent()));
        m.put("ipis_avoided", (double) (y.ipisAvoided() - x.ipisAvoided()));
        m.put("ipi_messages", (double) (y.ipiMessages() - x.ipiMessages()));
        m.put("wakeups", (double) (y.wakeups() - x.wakeups()));
        m.put("token_acquisitions", (double) (y.tokenAcquisitions() - x.tokenAcquisitions()));
        m.put("token_collisions", (double) (y.tokenCollisions() - x.tokenCollisions()));
        m.put("token_spin_cycles", (double) (b.spinCycles() - a.spinCycles()));
        m.put("syscalls", (double) (y.syscalls() - x.syscalls()));
        m.put("forks", (double) (y.forks() - x.forks()));
        m.put("user_reschedules", (double) (y.userReschedules() - x.userReschedules()));
        m.put("token_hold_mean_ns", b.holdMean());
        m.put("token_wait_mean_ns", b.waitMean());
        m.put("token_wait_p99_ns", b.waitP99());
        double capacity = seconds * kernel.machine().costs().frequencyHz();
        double sum = 0;
        int cpus = kernel.machine().topology().cpuCount();
        for (int i = 0; i < cpus; i++) {
            double u = (b.cycles()[i] - a.cycles()[i]) / capacity;
            sum += u;
            m.put("cpu" + i + ".util", u);
        }
        m.put("cpu_util", sum / cpus);
        for (Map.Entry<String, Long> c : b.counters().entrySet()) {
            m.put("wl." + c.getKey(), (double) (c.getValue() - a.counters().getOrDefault(c.getKey(), 0L)));
        }
        return m;
    }

    /**
     * Counters at one instant. Token hold and wait distributions come from the kernel as summaries since
     * boot, so those three metrics include the warm-up; spin cycles are differenced.
     */
    private record Snapshot(KernelStats stats, Map<String, Long> counters, long[] cycles, long spinCycles,
            double holdMean, double waitMean, double waitP99) {

        static Snapshot of(Kernel kernel, WorkloadRun run) {
            int cpus = kernel.machine().topology().cpuCount();
            long[] cycles = new long[cpus];
            for (int i = 0; i < cpus; i++) {
                cycles[i] = kernel.machine().cpu(i).cyclesCharged();
            }
            long spin = 0;
            double holdSum = 0;
            long holdCount = 0;
            double waitSum = 0;
            long waitCount = 0;
            double waitP99 = 0;
            for (LockStats s : kernel.lockStats()) {
                if (s.name().equals("global") || s.name().equals("pool")) {
                    continue;
                }
                spin += s.spinCycles();
                holdSum += s.holdTime().mean() * s.holdTime().count();
                holdCount += s.holdTime().count();
                waitSum += s.waitTime().mean() * s.waitTime().count();
                waitCount += s.waitTime().count();
                waitP99 = Math.max(waitP99, s.waitTime().p99());
            }
            return new Snapshot(kernel.stats(), new LinkedHashMap<>(run.counters()), cycles, spin,
                    holdCount == 0 ? 0 : holdSum / holdCount, waitCount == 0 ? 0 : waitSum / waitCount, waitP99);
        }
    }
}
