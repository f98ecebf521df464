package org.odonata.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.api.cost.CostModel;
import org.odonata.api.cost.CostProfiles;
import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelStats;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.kern.ThreadInfo;
import org.odonata.api.kern.Vkernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.memory.MemorySize;
import org.odonata.api.topology.Topology;
import org.odonata.command.Args;
import org.odonata.command.CommandInterrupted;
import org.odonata.command.Interruptible;
import org.odonata.command.ProgressMeter;
import org.odonata.command.VirtualRun;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code kern:} commands: boot a kernel on a new machine, run workloads, look at threads and statistics, take
 * CPUs offline and back.
 */
@Component(service = KernCommands.class, immediate = true, property = {
    "osgi.command.scope=kern",
    "osgi.command.function=boot",
    "osgi.command.function=machines",
    "osgi.command.function=ps",
    "osgi.command.function=stats",
    "osgi.command.function=sysctl",
    "osgi.command.function=run",
    "osgi.command.function=go",
    "osgi.command.function=pause",
    "osgi.command.function=cpu",
    "osgi.command.function=use",
    "osgi.command.function=kill",
    "osgi.command.function=workloads"})
public final class KernCommands {

    private static final String NONE = "\u0000";

    @Reference
    private Kernels kernels;

    @Reference
    private Machines machines;

    /** The cost-profile reader specs use (bundle org.odonata.experiments), for {@code --costs}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CostProfiles costProfiles;

    @Descriptor("boot a kernel on a new simulated machine; later kern: commands act on it")
    public String boot(
            @Descriptor("topology preset (see hw:presets)") @Parameter(names = "--preset", absentValue = NONE)
            String preset,
            @Descriptor("hwloc XML file or sysfs directory") @Parameter(names = "--topology", absentValue = NONE)
            String topologyFile,
            @Descriptor("cost profile written by hw:calibrate (its costs replace the preset's)")
            @Parameter(names = "--costs", absentValue = NONE) String costsFile,
            @Descriptor("user scheduler (see sched:list)")
            @Parameter(names = "--sched", absentValue = Kernels.REFERENCE_SCHEDULER) String sched,
            @Descriptor("token implementation (see sync:list)")
            @Parameter(names = "--sync", absentValue = Kernels.REFERENCE_TOKENS) String sync,
            @Descriptor("pageout policy of the kernel's VM (see vm:policy list), or none for a kernel without VM")
            @Parameter(names = "--vm", absentValue = Kernels.REFERENCE_PAGEOUT) String vm,
            @Descriptor("physical memory, split evenly over the NUMA nodes (e.g. 256M, 4G; default: the topology's)")
            @Parameter(names = "--mem", absentValue = NONE) String mem,
            @Descriptor("size of the swap disk swap0 (e.g. 1G), or 0 for none")
            @Parameter(names = "--swap", absentValue = "1G") String swap,
            @Descriptor("base seed, an integer") @Parameter(names = "--seed", absentValue = "1") String seed,
            @Descriptor("simulated-thread engine: continuation or virtual")
            @Parameter(names = "--engine", absentValue = "continuation") String engine,
            @Descriptor("root filesystem: hammer (the default: on the disk nvme0, made at boot) or tmpfs; see fs:df")
            @Parameter(names = "--rootfs", absentValue = NONE) String rootfs,
            @Descriptor("boot a guest kernel as a vkernel: a process of this booted kernel (e.g. kern0) whose LWPs are "
                    + "the guest's CPUs; needs --cpus and --mem")
            @Parameter(names = "--vkernel-of", absentValue = NONE) String vkernelOf,
            @Descriptor("the guest's CPUs (vCPU LWPs in the host), with --vkernel-of")
            @Parameter(names = "--cpus", absentValue = NONE) String cpus) {
        if (!vkernelOf.equals(NONE)) {
            return bootVkernel(vkernelOf, cpus, mem, sched, sync, vm, !preset.equals(NONE)
                    || !topologyFile.equals(NONE) || !costsFile.equals(NONE) || !rootfs.equals(NONE));
        }
        if (!cpus.equals(NONE)) {
            throw new IllegalArgumentException("--cpus is for a guest (--vkernel-of KERNEL); a machine's CPUs come "
                    + "from --preset or --topology");
        }
        if (!preset.equals(NONE) && !topologyFile.equals(NONE)) {
            throw new IllegalArgumentException("give --preset or --topology, not both");
        }
        long s = Args.integer("--seed", seed);
        Topology topology = topologyFile.equals(NONE)
                ? machines.topologies().preset(preset.equals(NONE) ? Machines.DEFAULT_PRESET : preset)
                : machines.topologies().load(HwCommands.existing(topologyFile));
        if (!mem.equals(NONE)) {
            topology = Machines.withMemory(topology, MemorySize.parse(mem).bytes());
        }
        long swapBytes = swap.equals("0") ? 0 : MemorySize.parse(swap).bytes();
        CostModel costs = costsFile.equals(NONE) ? CostModel.defaults() : costs(costsFile);
        List<String> running = kernels.all().stream().filter(BootedKernel::freeRunning).map(BootedKernel::name)
                .toList();
        BootedKernel k = kernels.boot(Machines.kernelSpec("kern", topology, costs, s, HwCommands.engineKind(engine),
                swapBytes), sched, sync, vm, rootfs.equals(NONE) ? null : rootfs);
        Kernel kernel = k.kernel();
        String root = k.call(() -> kernel.mounts().get(0).type());
        return "booted " + k.name() + " on " + topology.name() + " (" + topology.counts() + ", "
                + MemorySize.format(topology.memoryBytes()) + " memory), scheduler " + kernel.scheduler()
                + ", tokens " + kernel.tokens() + ", pageout " + (kernel.vm() == null ? "none (no VM)"
                : kernel.vm().policy() + (swapBytes > 0 ? ", swap " + MemorySize.format(swapBytes) : ", no swap"))
                + ", root " + root + ", seed " + s + (costsFile.equals(NONE) ? "" : String.format(Locale.ROOT,
                ", costs of %s (%.2f GHz, a context switch %d ns)", costsFile, costs.frequencyHz() / 1e9,
                costs.nanos(costs.contextSwitch()))) + (running.isEmpty() ? "" : "\n" + String.join(", ", running)
                + (running.size() == 1 ? " keeps" : " keep") + " running in the background; kern:use NAME acts on it "
                + "again, kern:machines lists them all");
    }

    /** The profile's cost model, read as a spec's {@code machine.costs.profile} is. */
    private CostModel costs(String file) {
        CostProfiles reader = costProfiles;
        if (reader == null) {
            throw new IllegalArgumentException("--costs: no cost-profile reader is running (it comes with the bundle "
                    + "org.odonata.experiments)");
        }
        return reader.load(Path.of(file));
    }

    private String bootVkernel(String host, String cpus, String mem, String sched, String sync, String vm,
            boolean hostOnly) {
        if (hostOnly) {
            throw new IllegalArgumentException("--preset, --topology, --costs and --rootfs do not apply to a guest "
                    + "(--vkernel-of): it has --cpus CPUs, --mem memory and a tmpfs root");
        }
        if (cpus.equals(NONE) || mem.equals(NONE)) {
            throw new IllegalArgumentException("kern:boot --vkernel-of " + host + " needs --cpus N and --mem SIZE "
                    + "(e.g. --cpus 2 --mem 256M)");
        }
        // DragonFly's MAXCPU on x86-64
        long n = Args.integer("--cpus", cpus, 1, 256);
        Topology topology = Machines.withMemory(machines.topologies().fromSpec(Map.of("name", "vkernel-" + n + "c",
                "packages", 1, "coresPerPackage", (int) n, "threadsPerCore", 1)), MemorySize.parse(mem).bytes());
        BootedKernel k = kernels.bootVkernel(host, topology, sched, sync, vm);
        Vkernel vk = k.call(() -> k.kernel().vkernel());
        return "booted " + k.name() + " as a vkernel of " + vk.host() + " (pid " + vk.hostPid() + ", " + n
                + " vCPU LWPs, " + MemorySize.format(vk.memoryBytes()) + " memory), scheduler "
                + k.call(() -> k.kernel().scheduler()) + ", tokens " + k.call(() -> k.kernel().tokens())
                + ", pageout " + k.call(() -> k.kernel().vm() == null ? "none (no VM)" : k.kernel().vm().policy())
                + "; it advances only while its vCPU LWPs run on " + vk.host() + "'s CPUs";
    }

    @Descriptor("kill a process of the current kernel with SIGKILL (a vkernel's process: its guest is torn down)")
    public String kill(@Descriptor("process id, as kern:ps shows it") String pid) {
        long p = Args.integer("pid", pid);
        BootedKernel k = kernels.current();
        boolean killed = k.call(() -> k.kernel().kill((int) p, 9));
        if (!killed) {
            throw new IllegalArgumentException(k.name() + " has no live process " + pid + " (kern:ps lists them)");
        }
        return "killed " + pid + " on " + k.name() + " (it dies at its next return from the kernel)";
    }

    @Descriptor("list the booted kernels; * marks the one commands act on (the last booted, or kern:use NAME)")
    public String machines() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-8s %-20s %5s %-6s %-7s %-8s %s%n",
                "NAME", "TOPOLOGY", "CPUS", "SCHED", "TOKENS", "STATE", "VTIME"));
        String current = currentName();
        for (BootedKernel b : kernels.all()) {
            String[] row = b.call(() -> new String[] {b.kernel().machine().topology().name(),
                Integer.toString(b.kernel().machine().topology().cpuCount()), b.kernel().scheduler(),
                b.kernel().tokens(), VirtualDuration.format(b.kernel().now())});
            Vkernel vk = b.call(() -> b.kernel().vkernel());
            String guest = vk == null ? "" : "  vkernel of " + vk.host() + " pid " + vk.hostPid() + ", host CPU "
                    + VirtualDuration.format(vk.hostNanos()) + (vk.alive() ? "" : ", torn down: " + vk.teardown());
            out.append(String.format(Locale.ROOT, "%s %-8s %-20s %5s %-6s %-7s %-8s %s%s%n",
                    b.name().equals(current) ? "*" : " ", b.name(), row[0], row[1], row[2], row[3],
                    b.freeRunning() ? "running" : "paused", row[4], guest));
        }
        kernels.discards().forEach(d -> out.append("(").append(d).append(")\n"));
        return out.toString().stripTrailing();
    }

    @Descriptor("act on another booted kernel from now on (kern:machines lists them)")
    public String use(@Descriptor("the kernel's name, e.g. kern0") String name) {
        BootedKernel k = kernels.use(name);
        return "kern:, sched: and sync: commands now act on " + k.name() + " (" + (k.freeRunning() ? "running"
                : "paused") + " at t=" + VirtualDuration.format(k.call(() -> k.kernel().now())) + ")";
    }

    @Descriptor("act on another booted kernel from now on")
    public String use() {
        throw new IllegalArgumentException("kern:use needs a kernel's name; kernels: " + String.join(", ",
                kernels.all().stream().map(BootedKernel::name).toList()));
    }

    private String currentName() {
        try {
            return kernels.current().name();
        } catch (RuntimeException none) {
            return null;
        }
    }

    @Descriptor("threads per CPU: state, LWKT priority, user priority hint, tokens held, wait message")
    public String ps() {
        BootedKernel k = kernels.current();
        List<ThreadInfo> threads = new ArrayList<>(k.call(() -> k.kernel().threads()));
        threads.sort(Comparator.comparingInt(ThreadInfo::cpu).thenComparingLong(ThreadInfo::tid));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%3s %6s %6s %-18s %-9s %4s %5s %-16s %s%n",
                "CPU", "TID", "PID", "NAME", "STATE", "PRI", "UPRI", "TOKENS", "WMESG"));
        for (ThreadInfo t : threads) {
            out.append(String.format(Locale.ROOT, "%3d %6d %6d %-18s %-9s %4d %5d %-16s %s%n", t.cpu(), t.tid(),
                    t.pid(), t.name(), t.state(), t.pri(), t.upri(),
                    t.tokens().isEmpty() ? "-" : String.join(",", t.tokens()), t.wmesg()));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("kernel statistics and workload counters; the last line is a digest of the virtual-time state")
    public String stats() {
        BootedKernel k = kernels.current();
        return k.call(() -> {
            Kernel kernel = k.kernel();
            KernelStats s = kernel.stats();
            StringBuilder out = new StringBuilder();
            out.append(k.name()).append(" at t=").append(VirtualDuration.format(kernel.now())).append(" (scheduler ")
                    .append(kernel.scheduler()).append(", tokens ").append(kernel.tokens()).append(")\n");
            row(out, "context switches", s.contextSwitches());
            row(out, "IPIs sent", s.ipisSent());
            row(out, "IPIs avoided", s.ipisAvoided());
            row(out, "IPI messages", s.ipiMessages());
            row(out, "wakeups", s.wakeups());
            row(out, "migrations", s.migrations());
            row(out, "user reschedules", s.userReschedules());
            row(out, "token acquisitions", s.tokenAcquisitions());
            row(out, "token collisions", s.tokenCollisions());
            row(out, "syscalls", s.syscalls());
            row(out, "forks", s.forks());
            row(out, "exits", s.exits());
            row(out, "processes", kernel.processes());
            for (Map.Entry<String, Long> e : kernel.counters().entrySet()) {
                row(out, e.getKey(), e.getValue());
            }
            // a workload run several times gets a number per run, so its counters can be told apart
            Map<String, Long> runs = new HashMap<>();
            k.workloads().forEach(w -> runs.merge(w.name(), 1L, Long::sum));
            Map<String, Integer> seen = new HashMap<>();
            for (WorkloadRun w : k.workloads()) {
                int n = seen.merge(w.name(), 1, Integer::sum);
                String label = runs.get(w.name()) > 1 ? w.name() + "#" + n : w.name();
                for (Map.Entry<String, Long> e : w.counters().entrySet()) {
                    row(out, label + "." + e.getKey(), e.getValue());
                }
            }
            return out.append("digest: ").append(kernel.digest()).toString();
        });
    }

    @Descriptor("list the kernel's tunables: name, value, range and what each changes")
    public String sysctl() {
        return sysctl("");
    }

    @Descriptor("list the tunables whose names start with a prefix, as BSD sysctl does (kern:sysctl lwkt)")
    public String sysctl(@Descriptor("name or prefix, e.g. lwkt or lwkt.spin_loops") String prefix) {
        BootedKernel k = kernels.current();
        List<Sysctl> all = k.call(() -> k.kernel().sysctls());
        StringBuilder out = new StringBuilder();
        for (Sysctl s : all) {
            if (s.name().equals(prefix) || s.name().startsWith(prefix.isEmpty() ? "" : prefix + ".")) {
                out.append(String.format(Locale.ROOT, "%s: %d  (%d..%d) %s%n", s.name(), s.value(), s.min(),
                        s.max(), s.description()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no sysctl named or under '" + prefix + "'; sysctls: "
                    + String.join(", ", all.stream().map(Sysctl::name).toList()));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("set a tunable at the next safe point")
    public String sysctl(@Descriptor("tunable name, e.g. lwkt.token_spin_budget_ns") String name,
            @Descriptor("new value, an integer") String value) {
        BootedKernel k = kernels.current();
        List<Sysctl> all = k.call(() -> k.kernel().sysctls());
        Sysctl s = all.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no sysctl '" + name + "'; sysctls: " + String.join(", ",
                        all.stream().map(Sysctl::name).toList())));
        long v = Args.integer(name, value, s.min(), s.max());
        return k.call(() -> name + ": " + k.kernel().sysctl(name, v) + " -> " + v + " at t="
                + VirtualDuration.format(k.kernel().now()));
    }

    @Descriptor("start a workload and advance virtual time: kern:run WORKLOAD [args] --for DURATION")
    public String run(
            @Descriptor("virtual time to advance, e.g. 500ms, 2s") @Parameter(names = "--for", absentValue = NONE)
            String duration,
            @Descriptor("workload name (see kern:workloads) and its arguments") String... workloadAndArgs) {
        if (duration.equals(NONE)) {
            throw new IllegalArgumentException("kern:run needs --for DURATION (e.g. --for 1s)");
        }
        if (workloadAndArgs.length == 0) {
            throw new IllegalArgumentException("kern:run needs a workload; valid: " + workloadNames());
        }
        long nanos = Args.duration("--for", duration);
        BootedKernel k = kernels.current();
        Workload w = kernels.workload(workloadAndArgs[0]);
        List<String> args = List.of(workloadAndArgs).subList(1, workloadAndArgs.length);
        if (k.freeRunning()) {
            throw new IllegalArgumentException(k.name() + " is free-running; kern:pause it first");
        }
        WorkloadRun run = k.call(() -> w.start(k.kernel(), args));
        k.addWorkload(run);
        run.notes().forEach(n -> System.out.println("note: " + n));
        long start = k.call(() -> k.kernel().now());
        String label = k.name() + " " + w.name();
        ProgressMeter meter = ProgressMeter.on(System.out);
        VirtualRun.Outcome o;
        try (Interruptible scope = Interruptible.enter()) {
            o = new VirtualRun(k::advance).advance(start, nanos, meter, label);
        } finally {
            meter.finish();
        }
        String ran = "ran " + w.name() + (args.isEmpty() ? "" : " " + String.join(" ", args)) + " from t="
                + VirtualDuration.format(start) + " to t=" + VirtualDuration.format(o.reached()) + ": "
                + k.call(run::counters);
        if (o.interrupted()) {
            throw new CommandInterrupted(ran + "\nkern:run " + o.describe() + "; " + k.name() + " is paused there "
                    + "and usable (kern:stats, kern:run …)");
        }
        return ran;
    }

    /** Not {@code start}: Gogo's {@code start} (felix:start) must keep starting bundles in every mode. */
    @Descriptor("let the current kernel run freely in the background (in 10 ms slices of virtual time); kern:pause stops it")
    public String go() {
        BootedKernel k = kernels.current();
        k.start();
        return k.name() + " running";
    }

    @Descriptor("stop a free-running kernel at the end of its current slice")
    public String pause() {
        BootedKernel k = kernels.current();
        k.pause();
        Throwable failure = k.freeRunFailure();
        return k.name() + " paused at t=" + VirtualDuration.format(k.call(() -> k.kernel().now()))
                + (failure == null ? "" : "; it had stopped by itself: " + failure);
    }

    @Descriptor("take a CPU away from user LWPs or give it back, at the next safe point (kern.usched_global_cpumask: "
            + "DragonFly has no CPU hot-unplug; the CPU's kernel threads keep running): kern:cpu offline|online N")
    public String cpu(@Descriptor("offline or online, then the CPU number from 0") String... words) {
        if (words.length != 2) {
            throw new IllegalArgumentException("kern:cpu needs an action and a CPU: kern:cpu offline|online N");
        }
        String action = words[0];
        String cpu = words[1];
        boolean online = switch (action) {
            case "offline" -> false;
            case "online" -> true;
            default -> throw new IllegalArgumentException("kern:cpu: unknown action '" + action
                    + "'; valid: offline, online");
        };
        BootedKernel k = kernels.current();
        return k.call(() -> {
            Kernel kernel = k.kernel();
            int n = kernel.machine().topology().cpuCount();
            int number;
            try {
                number = Integer.parseInt(cpu);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("kern:cpu: the CPU must be a number from 0 to " + (n - 1)
                        + ", was '" + cpu + "'");
            }
            if (number >= 0 && number < n && kernel.cpuOnline(number) == online) {
                return "cpu" + number + " is already " + action + " (nothing changed at "
                        + VirtualDuration.format(kernel.now()) + ")";
            }
            kernel.setCpuOnline(number, online);
            return "cpu" + number + " " + action + " at " + VirtualDuration.format(kernel.now());
        });
    }

    @Descriptor("list the workloads kern:run knows")
    public String workloads() {
        StringBuilder out = new StringBuilder();
        kernels.workloads().stream().sorted(Comparator.comparing(Workload::name))
                .forEach(w -> out.append(String.format(Locale.ROOT, "%-10s %s%n", w.name(), w.usage())));
        return out.toString().stripTrailing();
    }

    private String workloadNames() {
        return String.join(", ", kernels.workloads().stream().map(Workload::name).sorted().toList());
    }

    private static void row(StringBuilder out, String name, long value) {
        out.append(String.format(Locale.ROOT, "  %-28s %,d%n", name, value));
    }
}
