package org.odonata.tck.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelFactory;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.topology.Topology;
import org.odonata.tck.Platform;
import org.odonata.tck.Property;
import org.odonata.tck.TckReport;
import org.odonata.tck.sched.sim.ContractExercise;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;
import org.odonata.tck.sync.ReferenceTokens;

/**
 * The user-scheduler conformance kit. Each property runs fresh instances from the factory on the simulated core
 * ({@link SimCore}) under seeded random operations (wakeups, blocks, exits, forks, yields, ticks, reschedules,
 * swaps, CPUs going offline) and names what broke; the last runs it in a real kernel when the platform has one.
 * A unit test checks a scheduler in one line: {@code SchedulerKit.assertConforms(new MyFactory());}
 * <p>
 * The properties: {@code conservation} (no LWP lost, duplicated or stranded: each runnable LWP queued exactly
 * once, {@code queued()} right, only queued LWPs picked, only existing CPUs chosen), {@code offline} (only online
 * CPUs chosen, and the LWPs of a CPU that goes offline run elsewhere), {@code swap-round-trip} (export hands over
 * exactly the queued LWPs, to itself and to the kit's reference and back), {@code work-conservation} (when
 * claimed), {@code bounded-starvation} (equal LWPs each run within {@link #STARVATION_BOUND_NANOS}),
 * {@code determinism} (the same seed, the same decisions), and {@code kernel} (a real kernel runs a workload
 * under swaps and CPUs going offline with no fault).
 */
public final class SchedulerKit {

    /** The longest an LWP of equal standing may wait to run: 2 virtual seconds, 20 round-robin intervals. */
    public static final long STARVATION_BOUND_NANOS = 2_000_000_000L;

    private static final long MS = 1_000_000L;

    private final UserSchedulerFactory factory;
    private final Platform platform;

    private SchedulerKit(UserSchedulerFactory factory, Platform platform) {
        this.factory = factory;
        this.platform = platform;
    }

    /** Every property against {@code factory}, on the platform found on the class path. */
    public static TckReport run(UserSchedulerFactory factory) {
        return run(factory, Platform.fromClassPath());
    }

    public static TckReport run(UserSchedulerFactory factory, Platform platform) {
        return new TckReport("sched", factory.name(), new SchedulerKit(factory, platform).properties().stream()
                .map(Property::evaluate).toList());
    }

    /** Fails with every property's line if one fails: a scheduler bundle's unit test. */
    public static void assertConforms(UserSchedulerFactory factory) {
        run(factory).assertPassed();
    }

    /** The same, on {@code platform}: with a kernel, the kernel-level properties are checked too. */
    public static void assertConforms(UserSchedulerFactory factory, Platform platform) {
        run(factory, platform).assertPassed();
    }

    /** The properties against {@code factory}, in the order reports list them, to run one by one. */
    public static List<Property> properties(UserSchedulerFactory factory, Platform platform) {
        return new SchedulerKit(factory, platform).properties();
    }

    private List<Property> properties() {
        return List.of(
                new Property("conservation", this::conservation),
                new Property("offline", this::offline),
                new Property("swap-round-trip", this::swapRoundTrip),
                new Property("work-conservation", this::workConservation),
                new Property("bounded-starvation", this::boundedStarvation),
                new Property("determinism", this::determinism),
                new Property("kernel", this::kernel));
    }

    private Supplier<UserScheduler> impl() {
        return factory::create;
    }

    private String conservation() {
        exercise(Topologies.laptop4c8t(), 3, 2_000, List.of(impl()), false, false);
        exercise(Topologies.uniprocessor(), 1, 2_000, List.of(impl()), false, false);
        exercise(Topologies.server2s32c64t(), 1, 800, List.of(impl()), false, false);
        return "random operations (3 × 2000 on laptop-4c8t, 2000 on uniprocessor, 800 on server-2s32c64t): every "
                + "runnable LWP queued exactly once, queued() agreed, only queued LWPs picked";
    }

    private String offline() {
        exercise(Topologies.laptop4c8t(), 3, 2_000, List.of(impl()), true, false);
        exercise(Topologies.server2s32c64t(), 1, 800, List.of(impl()), true, false);
        SimCore core = new SimCore(Topologies.laptop4c8t(), factory.create(), 1);
        List<SimLwp> hogs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hogs.add(core.spawnHog("hog" + i, 0));
        }
        core.run(200 * MS);
        core.setOnline(3, false);
        core.setOnline(6, false);
        core.reschedulePending();
        long[] before = hogs.stream().mapToLong(SimLwp::runtimeNanos).toArray();
        for (int step = 0; step < 2_000; step++) {
            core.run(MS);
            if (core.current(3) != null || core.current(6) != null) {
                throw new AssertionError("an offline CPU runs " + (core.current(3) != null ? core.current(3)
                        : core.current(6)) + " at t=" + core.now() / MS + "ms");
            }
        }
        core.checkInvariants();
        for (int i = 0; i < hogs.size(); i++) {
            if (hogs.get(i).runtimeNanos() == before[i]) {
                throw new AssertionError(hogs.get(i) + " never ran in the 2 s after CPUs 3 and 6 went offline "
                        + "(stranded on an offline CPU's queue?)");
            }
        }
        return "random operations with CPUs going offline and back (3 × 2000 on laptop-4c8t, 800 on "
                + "server-2s32c64t); 10 hogs all ran on the 6 CPUs left";
    }

    private String swapRoundTrip() {
        List<Supplier<UserScheduler>> kinds = List.of(impl(), () -> new ReferenceScheduler().create(), impl());
        exercise(Topologies.laptop4c8t(), 3, 2_000, kinds, true, true);
        exercise(Topologies.server2s32c64t(), 1, 800, kinds, false, true);
        return "random operations with swaps to a fresh instance and to the kit's reference and back: each export "
                + "was exactly the queued LWPs";
    }

    private String workConservation() {
        if (!factory.workConserving()) {
            throw new Property.NotClaimed("not claimed (UserSchedulerFactory.workConserving() is false)");
        }
        for (long seed = 1; seed <= 2; seed++) {
            SimCore core = new SimCore(Topologies.laptop4c8t(), factory.create(), seed);
            for (int i = 0; i < 24; i++) {
                core.spawn("s" + i, 0, SchedClass.NORMAL, (1 + i % 5) * 3 * MS, (1 + i % 7) * 2 * MS, i % 8);
            }
            for (int step = 0; step < 2_000; step++) {
                if (step == 500) {
                    core.setOnline(5, false);
                } else if (step == 1_200) {
                    core.setOnline(5, true);
                }
                core.run(MS);
                for (int cpu = 0; cpu < core.ncpus(); cpu++) {
                    if (core.online(cpu) && core.current(cpu) == null && core.scheduler().queued() > 0) {
                        throw new AssertionError("seed " + seed + ", t=" + core.now() / MS + "ms: cpu" + cpu
                                + " is idle while " + core.scheduler().queued() + " LWPs wait");
                    }
                }
            }
        }
        return "24 sleepers on laptop-4c8t, 2 s each for 2 seeds, a CPU offline for 0.7 s: no online CPU idle "
                + "while an LWP waited";
    }

    private String boundedStarvation() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), factory.create(), 3);
        for (int i = 0; i < 16; i++) {
            core.spawnHog("hog" + i, 0);
        }
        for (int i = 0; i < 8; i++) {
            core.spawn("sleeper" + i, 0, SchedClass.NORMAL, (2 + i) * MS, (5 + 3 * i) * MS, i);
        }
        core.run(5_000 * MS);
        core.setOnline(5, false);
        core.run(5_000 * MS);
        core.setOnline(5, true);
        core.run(5_000 * MS);
        long waiting = core.longestQueuedWaitNanos();
        long worst = Math.max(core.maxWaitNanos(), waiting);
        if (worst > STARVATION_BOUND_NANOS) {
            throw new AssertionError("an LWP waited " + worst / MS + "ms to run" + (waiting > core.maxWaitNanos()
                    ? " (still waiting)" : " (" + core.maxWaiter() + ")") + ", over the bound of "
                    + STARVATION_BOUND_NANOS / MS + "ms");
        }
        return "16 hogs and 8 sleepers of nice 0 on laptop-4c8t for 15 s, a CPU offline for 5 s: the longest wait "
                + core.maxWaitNanos() / MS + "ms (bound " + STARVATION_BOUND_NANOS / MS + "ms)";
    }

    private String determinism() {
        long first = ContractExercise.run(Topologies.laptop4c8t(), 7, 1_500, List.of(impl()), true, true).decisions();
        long second = ContractExercise.run(Topologies.laptop4c8t(), 7, 1_500, List.of(impl()), true, true).decisions();
        if (first != second) {
            throw new AssertionError("two runs with the same seed and operations made different decisions: the "
                    + "scheduler reads something other than the host's seeded random stream (an unseeded random "
                    + "source, the host clock, identity hash order)");
        }
        return "two runs of 1500 random operations with the same seed made the same decisions";
    }

    private String kernel() {
        KernelFactory kernels = platform.requireKernels();
        Topology laptop = Topologies.laptop4c8t();
        MachineSpec base = MachineSpec.of("tck", laptop);
        MachineSpec spec = new MachineSpec(base.name(), base.topology(), base.costs(), base.disks(), 11,
                platform.engine());
        UserSchedulerFactory reference = new ReferenceScheduler();
        try (Kernel k = kernels.boot(platform.machines().create(spec), factory, new ReferenceTokens())) {
            k.setFallback(reference, null);
            KernelWorkload.start(k, 12);
            UserSchedulerFactory[] order = {reference, factory, factory, reference, factory};
            int[] offline = {2, 5, 7};
            for (int i = 0; i < order.length; i++) {
                k.runFor(30 * MS);
                k.swapScheduler(order[i]);
                if (i < offline.length) {
                    k.setCpuOnline(offline[i], false);
                } else {
                    k.setCpuOnline(offline[i - offline.length], true);
                }
            }
            k.runFor(2_000 * MS);
            if (!k.faults().isEmpty()) {
                throw new AssertionError("the kernel recorded faults: " + String.join("; ", k.faults()));
            }
            if (k.processes() != 0) {
                throw new AssertionError(k.processes() + " processes of the workload had not finished after "
                        + k.now() / MS + "ms (a thread starved or was lost)");
            }
            return "a kernel on laptop-4c8t ran 12 processes (fork, exit, sleep, yield, pipes) to completion with "
                    + "5 swaps and 3 CPUs offline and back, no fault";
        }
    }

    private static void exercise(Topology topology, int seeds, int steps, List<Supplier<UserScheduler>> kinds,
            boolean offline, boolean swaps) {
        for (long seed = 1; seed <= seeds; seed++) {
            try {
                ContractExercise.run(topology, seed, steps, kinds, offline, swaps);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " on " + topology.name() + ": " + e.getMessage(), e);
            }
        }
    }
}
