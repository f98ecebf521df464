package org.odonata.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

import org.HdrHistogram.Histogram;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.CpuTimes;
import org.odonata.api.kern.Fault;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelStats;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricDeclarations;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.probe.ProbeSession;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.api.vfs.RootFs;
import org.odonata.command.PlainMessage;
import org.odonata.command.VirtualRun;
import org.odonata.experiments.spec.MachineConfig;
import org.odonata.experiments.spec.TimedEvent;
import org.odonata.experiments.spec.Variant;
import org.odonata.experiments.trace.ChromeTrace;
import org.odonata.experiments.workload.MeasuredRun;
import org.odonata.experiments.workload.SimWorkload;

/**
 * Runs one trial on the calling host thread: builds a fresh machine and kernel, starts the workload, runs
 * the warm-up, snapshots every counter, runs the measured window (stopping at each timed event to carry it
 * out) and turns the differences into metrics. A pure function of the trial: nothing here reads the host
 * clock except to report how long the trial took and to size the slices virtual time advances in (which do not
 * change the result). Any exception, and running out of heap, becomes a failed result with its reason; an
 * interrupt of the host thread stops the trial at its next slice as {@link TrialResult#interrupted}.
 */
public final class TrialRunner {

    /** What an ejected implementation is replaced by: DragonFly's own, when registered. */
    static final String REFERENCE_SCHEDULER = "dfly";
    static final String REFERENCE_TOKENS = "lwkt";

    /** The swap disk a machine whose kernel has a VM gets unless {@code machine.swap} says otherwise. */
    static final long DEFAULT_SWAP = 1L << 30;

    private final Implementations impl;
    private final ProbeSession probes;

    public TrialRunner(Implementations impl) {
        this(impl, null);
    }

    /** @param probes the run's probes, whose calls each trial counts over its window; null for none */
    public TrialRunner(Implementations impl, ProbeSession probes) {
        this.impl = impl;
        this.probes = probes;
    }

    /** Stops a trial that was interrupted, from the slice it noticed at up to {@link #run}. */
    private static final class Interrupted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Interrupted() {
            super(null, null, false, false);
        }
    }

    public TrialResult run(Trial trial) {
        return run(trial, reached -> { });
    }

    /**
     * @param reached told the virtual time the trial has reached after each slice (for progress lines)
     */
    public TrialResult run(Trial trial, LongConsumer reached) {
        long hostStart = System.nanoTime();
        try {
            return measure(trial, hostStart, reached);
        } catch (Interrupted e) {
            return TrialResult.interrupted(trial, System.nanoTime() - hostStart);
        } catch (RuntimeException | StackOverflowError | AssertionError | OutOfMemoryError e) {
            // one plain sentence, the same for the same cause, so that the run's summary can group failures
            return TrialResult.failed(trial, PlainMessage.of(e), System.nanoTime() - hostStart, List.of());
        }
    }

    private TrialResult measure(Trial trial, long hostStart, LongConsumer reached) {
        MachineConfig mc = trial.variant().machine();
        MachineSpec spec = machineSpec(trial, mc);
        Machine hw = impl.machines().create(spec);
        Kernel host = null;
        Kernel booted;
        try {
            if (mc.vkernel() == null) {
                booted = boot(trial, hw);
            } else {
                host = bootHost(trial, hw);
                booted = bootGuest(trial, host, mc.vkernel());
            }
        } catch (RuntimeException e) {
            if (host != null) {
                host.close();
            } else {
                hw.close();
            }
            throw e;
        }
        SimWorkload twoMachines = impl.workload(trial.workload().type()) instanceof SimWorkload s && s.needsPeer()
                ? s : null;
        Kernel peer = null;
        if (twoMachines != null) {
            try {
                peer = bootPeer(trial, spec, hw);
            } catch (RuntimeException e) {
                booted.close();
                throw e;
            }
        }
        // with machine.vkernel the workload runs in the guest: its machine is the one timed events act on
        Machine machine = booted.machine();
        try (Kernel hostKernel = host; Kernel kernel = booted; Kernel peerKernel = peer) {
            // an implementation that fails is ejected for the reference one, so the trial runs on and is marked
            kernel.setFallback(impl.schedulerFactories().get(REFERENCE_SCHEDULER),
                    impl.tokenFactories().get(REFERENCE_TOKENS));
            mc.sysctl().forEach(kernel::sysctl);
            ChromeTrace trace = trial.traced() ? new ChromeTrace(machine.topology().cpuCount(),
                    trial.point().name() + " " + trial.label() + " seed " + trial.seed()) : null;
            if (trace != null) {
                kernel.setTraceSink(trace);
            }
            WorkloadRun run = twoMachines != null ? twoMachines.start(kernel, peerKernel, trial.workload().args())
                    : impl.workload(trial.workload().type()).start(kernel, trial.workload().args());
            long warmup = trial.point().warmup();
            long end = warmup + trial.point().measure();
            List<TimedEvent> events = trial.point().events();
            VirtualRun slices = new VirtualRun(n -> {
                kernel.runFor(n);
                reached.accept(kernel.now());
            });
            int next = advance(kernel, machine, slices, events, 0, warmup, trace);
            Snapshot before = Snapshot.of(kernel, run);
            if (run instanceof MeasuredRun m) {
                m.resetLatencies();
            }
            if (trace != null) {
                trace.mark("measure start", kernel.now());
            }
            if (probes != null) {
                probes.beginTrial();
            }
            Map<Metric, Double> probed;
            try {
                advance(kernel, machine, slices, events, next, end, trace);
            } finally {
                probed = probes == null ? Map.of() : probes.endTrial();
            }
            Snapshot after = Snapshot.of(kernel, run);
            MetricValues metrics = metrics(trial, run, before, after);
            Map<String, Histogram> latencies = new LinkedHashMap<>();
            if (run instanceof MeasuredRun m) {
                m.latencies().forEach((name, h) -> latencies.put(name, h.copy()));
                latencies.forEach((name, h) -> Latency.metrics(name, h, metrics));
            }
            List<Fault> faults = kernel.faultReports();
            List<Fault> ejections = faults.stream().filter(Fault::ejection).toList();
            if (!ejections.isEmpty() && !trial.point().allowEjections()) {
                return TrialResult.failed(trial, "ejected: " + ejections.get(0).line() + (ejections.size() > 1
                        ? " (and " + (ejections.size() - 1) + " more)" : ""), System.nanoTime() - hostStart, faults);
            }
            Map<String, Double> probeValues = new LinkedHashMap<>();
            Map<String, Metric> declared = new LinkedHashMap<>(metrics.declared());
            probed.forEach((m, v) -> {
                probeValues.put(m.name(), v);
                declared.put(m.name(), m);
            });
            return new TrialResult(trial, null, metrics.values(), latencies, kernel.digest(),
                    System.nanoTime() - hostStart, trace == null ? null : trace.finish(kernel.now()), declared,
                    probeValues, faults);
        }
    }

    /**
     * Boots the variant's kernel: with a VM when the variant names a pageout policy or the workload needs one (then
     * with the reference policy); a policy that only replays can run ({@code opt}) is asked for after booting with
     * the reference one.
     */
    private Kernel boot(Trial trial, Machine machine) {
        Variant v = trial.variant();
        RootFs root = new RootFs(v.machine().rootfs(), null);
        String vm = vmPolicy(trial);
        if (vm == null) {
            return impl.kernels().boot(machine, impl.scheduler(v.sched()), impl.token(v.sync()), root);
        }
        PageoutPolicyFactory policy = impl.pageout(vm);
        if (!policy.needsFuture()) {
            return impl.kernels().boot(machine, impl.scheduler(v.sched()), impl.token(v.sync()), policy, root);
        }
        Kernel k = impl.kernels().boot(machine, impl.scheduler(v.sched()), impl.token(v.sync()),
                impl.pageout(Implementations.REFERENCE_PAGEOUT), root);
        k.vm().swapPolicy(policy);
        return k;
    }

    /**
     * The second machine of a two-machine workload ({@link SimWorkload#needsPeer()}): the trial's machine again, with
     * the variant's kernel, on the same engine, so both advance in one event loop on one virtual clock.
     */
    private Kernel bootPeer(Trial trial, MachineSpec spec, Machine hw) {
        if (trial.variant().machine().vkernel() != null) {
            throw new IllegalArgumentException("workload " + trial.workload().type() + " runs on two machines; it "
                    + "cannot run in a vkernel guest (machine.vkernel)");
        }
        Machine peer = impl.machines().create(new MachineSpec(spec.name() + "-peer", spec.topology(), spec.costs(),
                spec.disks(), spec.seed(), spec.engine()), hw.engine());
        try {
            return boot(trial, peer);
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    /**
     * The host of a {@code machine.vkernel} trial: the reference scheduler and tokens, and a VM (reference policy)
     * exactly when the guest has one, so the guest's memory is host memory.
     */
    private Kernel bootHost(Trial trial, Machine machine) {
        RootFs root = new RootFs(trial.variant().machine().rootfs(), null);
        UserSchedulerFactory s = impl.schedulerFactories().get(REFERENCE_SCHEDULER);
        TokenAlgorithmFactory t = impl.tokenFactories().get(REFERENCE_TOKENS);
        return vmPolicy(trial) == null ? impl.kernels().boot(machine, s, t, root)
                : impl.kernels().boot(machine, s, t, impl.pageout(Implementations.REFERENCE_PAGEOUT), root);
    }

    /** The variant's kernel as a vkernel guest of {@code host} ({@code machine.vkernel}). */
    private Kernel bootGuest(Trial trial, Kernel host, MachineConfig.Guest guest) {
        Variant v = trial.variant();
        Machine hm = host.machine();
        Topology t = impl.topologyOf(Map.of("packages", 1, "coresPerPackage", guest.cpus(),
                "threadsPerCore", 1));
        Topology sized = new Topology("vkernel-" + guest.cpus() + "c", t.cpus(),
                List.of(new NumaNode(0, guest.mem() / 4096 * 4096)));
        Machine m = impl.machines().create(new MachineSpec(hm.name() + "-guest", sized, hm.costs(), List.of(),
                hm.spec().seed(), hm.spec().engine()), hm.engine());
        String vm = vmPolicy(trial);
        PageoutPolicyFactory policy = vm == null ? null : impl.pageout(vm);
        if (policy != null && policy.needsFuture()) {
            throw new IllegalArgumentException("pageout policy '" + vm + "' needs a trace's future; a vkernel guest "
                    + "cannot use it");
        }
        return impl.kernels().bootVkernel(host, m, impl.scheduler(v.sched()), impl.token(v.sync()), policy);
    }

    /** The pageout policy of the trial's VM, or null for a kernel without one. */
    private String vmPolicy(Trial trial) {
        return trial.variant().vm() != null ? trial.variant().vm()
                : impl.needsVm(trial.workload().type()) ? Implementations.REFERENCE_PAGEOUT : null;
    }

    /** Runs to {@code until}, carrying out events due before it; returns the index of the next event. */
    private int advance(Kernel kernel, Machine machine, VirtualRun slices, List<TimedEvent> events, int next,
            long until, ChromeTrace trace) {
        while (next < events.size() && events.get(next).at() < until) {
            TimedEvent e = events.get(next++);
            runTo(kernel, slices, e.at());
            if (trace != null) {
                trace.mark(e.kind().name().toLowerCase(Locale.ROOT) + " " + e.target(), kernel.now());
            }
            switch (e.kind()) {
                case SWAP_SCHED -> kernel.swapScheduler(impl.scheduler(e.target()));
                case SWAP_SYNC -> kernel.swapTokens(impl.token(e.target()));
                case CPU_OFFLINE, CPU_ONLINE -> kernel.setCpuOnline(cpu(e, machine),
                        e.kind() == TimedEvent.Kind.CPU_ONLINE);
                case DISK_POWER_CUT -> {
                    int disk = Integer.parseInt(e.target());
                    if (disk >= machine.disks().size()) {
                        throw new IllegalArgumentException("fault at " + e.at() + "ns: the machine has no disk "
                                + disk + " (it has " + machine.disks().size() + ")");
                    }
                    machine.disks().get(disk).powerCut();
                }
                case CPU_STALL -> machine.cpu(cpu(e, machine)).stall(e.lasting());
                default -> throw new AssertionError(e.kind());
            }
        }
        runTo(kernel, slices, until);
        return next;
    }

    private static void runTo(Kernel kernel, VirtualRun slices, long until) {
        if (slices.advance(kernel.now(), until - kernel.now(), null, null).interrupted()) {
            throw new Interrupted();
        }
    }

    /** The CPU a cpu-offline, cpu-online or cpu-stall event names, which the machine must have. */
    private static int cpu(TimedEvent e, Machine machine) {
        int cpu = Integer.parseInt(e.target());
        int n = machine.topology().cpuCount();
        if (cpu >= n) {
            throw new IllegalArgumentException(e.kind().key() + " at " + VirtualDuration.format(e.at())
                    + ": the machine has no CPU " + cpu + " (it has " + n + ": 0.." + (n - 1) + ")");
        }
        return cpu;
    }

    private MachineSpec machineSpec(Trial trial, MachineConfig mc) {
        Topology topology = impl.topology(mc);
        CostModel costs = CostModel.defaults();
        for (Map.Entry<String, Long> c : mc.costs().entrySet()) {
            costs = costs.with(c.getKey(), c.getValue());
        }
        long seed = mc.seed() != null ? mc.seed() : trial.seed();
        EngineKind engine = mc.engine().equals("virtual") ? EngineKind.VIRTUAL_THREAD : EngineKind.CONTINUATION;
        if (mc.mem() != null) {
            List<NumaNode> nodes = new ArrayList<>();
            for (NumaNode n : topology.nodes()) {
                nodes.add(new NumaNode(n.id(), mc.mem() / topology.nodeCount() / 4096 * 4096));
            }
            topology = new Topology(topology.name(), topology.cpus(), nodes);
        }
        long swap = mc.swap() != null ? mc.swap() : vmPolicy(trial) != null ? DEFAULT_SWAP : 0;
        // the spec's disks first, as the shell's machines have them: the root is made on the first disk
        List<DiskSpec> disks = new ArrayList<>();
        for (int i = 0; i < mc.disks(); i++) {
            disks.add(new DiskSpec("nvme" + i, DiskKind.NVME, 8L << 30, 4096, null, true));
        }
        if (swap > 0) {
            disks.add(new DiskSpec("swap0", DiskKind.NVME, (swap + 4095) / 4096 * 4096, 4096, null, false));
        }
        return new MachineSpec(trial.point().name() + "-" + trial.order(), topology, costs, disks, seed, engine);
    }

    private static MetricValues metrics(Trial trial, WorkloadRun run, Snapshot a, Snapshot b) {
        double seconds = trial.point().measure() / 1e9;
        MetricValues m = new MetricValues();
        Map<String, Metric> counters = new LinkedHashMap<>();
        if (run instanceof MetricDeclarations d) {
            d.metrics().forEach(x -> counters.put(x.name(), x));
        }
        String tp = run instanceof MeasuredRun mr ? mr.throughputCounter() : null;
        if (tp == null && !b.counters().isEmpty()) {
            tp = b.counters().keySet().iterator().next();
        }
        if (tp != null) {
            Metric c = counters.get(tp);
            m.put(Metric.rate("throughput", c == null ? tp : c.noun(), "the workload's " + tp
                    + " per virtual second of the measured window"),
                    (b.counters().getOrDefault(tp, 0L) - a.counters().getOrDefault(tp, 0L)) / seconds);
        }
        KernelStats x = a.stats();
        KernelStats y = b.stats();
        m.put(Metric.count("context_switches", "switches", "LWKT thread switches (lwkt_switch)"),
                y.contextSwitches() - x.contextSwitches());
        m.put(Metric.count("migrations", "migrations", "threads that changed owning CPU"),
                y.migrations() - x.migrations());
        m.put(Metric.count("ipis_sent", "IPIs", "inter-processor interrupts sent"), y.ipisSent() - x.ipisSent());
        m.put(Metric.count("ipis_avoided", "IPIs", "IPIs not sent because the target was already signalled"),
                y.ipisAvoided() - x.ipisAvoided());
        m.put(Metric.count("ipi_messages", "msg", "IPI queue messages"), y.ipiMessages() - x.ipiMessages());
        m.put(Metric.count("wakeups", "wakeups", "threads woken from a sleep queue"), y.wakeups() - x.wakeups());
        m.put(Metric.count("token_acquisitions", "acquisitions", "LWKT token acquisitions"),
                y.tokenAcquisitions() - x.tokenAcquisitions());
        m.put(Metric.count("token_collisions", "collisions", "token acquisitions that found the token held "
                + "(counted by implementations that try and fail)"), y.tokenCollisions() - x.tokenCollisions());
        m.put(Metric.cycles("token_spin_cycles", "cycles spent spinning on tokens"), b.spinCycles() - a.spinCycles());
        m.put(Metric.cycles("sched_lock_spin_cycles", "cycles the scheduler's spinlock acquisitions took beyond an "
                + "uncontended local one (line transfers, waits behind other CPUs' transfers)"),
                b.schedLockSpinCycles() - a.schedLockSpinCycles());
        m.put(Metric.count("syscalls", "calls", "system calls"), y.syscalls() - x.syscalls());
        m.put(Metric.count("forks", "forks", "processes forked"), y.forks() - x.forks());
        m.put(Metric.count("user_reschedules", "reschedules", "user reschedule requests"),
                y.userReschedules() - x.userReschedules());
        m.put(Metric.count("token_holds", "holds", "token holds released in the window"),
                b.holdCount() - a.holdCount());
        m.put(Metric.duration("token_hold_mean_ns", "mean token hold time in the window"), b.holdMeanSince(a));
        m.put(Metric.count("token_waits", "waits", "contended token acquisitions in the window"),
                b.waitCount() - a.waitCount());
        m.put(Metric.duration("token_wait_mean_ns", "mean contended token wait in the window"), b.waitMeanSince(a));
        m.put(Metric.duration("token_wait_p99_since_boot_ns", "99th percentile token wait since boot (not "
                + "windowed)"), b.waitP99SinceBoot());
        cpuUtilisation(a.cpuTimes(), b.cpuTimes(), m);
        for (Map.Entry<String, Long> c : b.counters().entrySet()) {
            Metric declared = counters.getOrDefault(c.getKey(), Metric.count(c.getKey(), "", "workload counter "
                    + c.getKey()));
            m.put(declared.named("wl." + c.getKey()), c.getValue() - a.counters().getOrDefault(c.getKey(), 0L));
        }
        return m;
    }

    /**
     * {@code cpuN.util}: CPU N's user plus system time over the window's time (the kernel's modes partition it
     * exactly); {@code cpu_util}, {@code cpu_user} and {@code cpu_system}: the CPUs' averages.
     */
    private static void cpuUtilisation(List<CpuTimes> a, List<CpuTimes> b, MetricValues m) {
        double util = 0;
        double user = 0;
        double system = 0;
        for (int i = 0; i < b.size(); i++) {
            CpuTimes x = a.get(i);
            CpuTimes y = b.get(i);
            double u = y.userNanos() - x.userNanos();
            double s = y.systemNanos() - x.systemNanos();
            double total = u + s + y.idleNanos() - x.idleNanos();
            double busy = total == 0 ? 0 : (u + s) / total;
            m.put(Metric.fraction("cpu" + i + ".util", "CPU " + i + "'s user plus system time over the window"),
                    busy);
            util += busy;
            user += total == 0 ? 0 : u / total;
            system += total == 0 ? 0 : s / total;
        }
        m.put(Metric.fraction("cpu_util", "user plus system time over the window, averaged over the CPUs"),
                util / b.size());
        m.put(Metric.fraction("cpu_user", "user time over the window, averaged over the CPUs"), user / b.size());
        m.put(Metric.fraction("cpu_system", "system time over the window, averaged over the CPUs"),
                system / b.size());
    }
}
