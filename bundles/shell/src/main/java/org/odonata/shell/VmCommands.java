package org.odonata.shell;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.kern.Workload;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.memory.MemorySize;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.vm.Vm;
import org.odonata.api.vm.VmStats;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code vm:} commands: pageout policies and live swaps between them, trace replays, and the VM's counters.
 */
@Component(service = VmCommands.class, immediate = true, property = {
    "osgi.command.scope=vm",
    "osgi.command.function=policy",
    "osgi.command.function=replay",
    "osgi.command.function=stats"})
public final class VmCommands {

    private static final String NONE = "\u0000";
    /** Virtual time the kernel advances between two looks at a replay's progress. */
    static final long REPLAY_SLICE_NANOS = 100_000_000L;

    @Reference
    private Kernels kernels;

    @Descriptor("vm:policy list | vm:policy use NAME")
    public String policy() {
        throw new IllegalArgumentException("vm:policy needs an action: vm:policy list, or vm:policy use NAME");
    }

    @Descriptor("vm:policy list: the registered pageout policies; * marks the one the current kernel uses")
    public String policy(@Descriptor("list") String action) {
        if (!action.equals("list")) {
            throw new IllegalArgumentException("vm:policy: unknown action '" + action
                    + "'; valid: list, use NAME");
        }
        String active = activeOrNull();
        StringBuilder out = new StringBuilder();
        kernels.pageoutPolicies().stream().sorted(Comparator.comparing(PageoutPolicyFactory::name))
                .forEach(f -> out.append(String.format(Locale.ROOT, "%s %-6s %s%n",
                        f.name().equals(active) ? "*" : " ", f.name(), f.description())));
        return out.toString().stripTrailing();
    }

    @Descriptor("vm:policy use NAME: swap the current kernel's pageout policy at the next safe point, handing over "
            + "the resident pages")
    public String policy(@Descriptor("use") String action,
            @Descriptor("pageout policy name (see vm:policy list)") String name) {
        if (!action.equals("use")) {
            throw new IllegalArgumentException("vm:policy: unknown action '" + action
                    + "'; valid: list, use NAME");
        }
        PageoutPolicyFactory f = kernels.pageoutPolicy(name);
        BootedKernel k = kernels.current();
        SwapReport r = k.call(() -> vm(k.kernel()).swapPolicy(f));
        kernels.wanted(k, Kernels.PAGEOUT, name);
        return SwapText.of(r);
    }

    @Descriptor("replay a valgrind lackey trace (--tool=lackey --trace-mem=yes, gzip or plain) in one process of the "
            + "current kernel limited to --mem resident pages; prints references, distinct pages, faults and the "
            + "virtual time the replay took")
    public String replay(
            @Descriptor("resident-set limit: a number of pages, or bytes with a unit (256K, 1M)")
            @Parameter(names = "--mem", absentValue = NONE) String mem,
            @Descriptor("pageout policy for the replay (see vm:policy list); the kernel's own is restored after")
            @Parameter(names = "--policy", absentValue = NONE) String policy,
            @Descriptor("page size the trace is counted in: a power of two from 4K")
            @Parameter(names = "--page", absentValue = "4K") String page,
            @Descriptor("what the trace's pages are: anon (anonymous memory, paged to swap) or file (a shared mapping "
                    + "of a file on the root filesystem, paged to the file)")
            @Parameter(names = "--backing", absentValue = "anon") String backing,
            @Descriptor("the trace file") String trace) {
        if (mem.equals(NONE)) {
            throw new IllegalArgumentException("vm:replay needs --mem SIZE (pages, or bytes with a unit)");
        }
        BootedKernel k = kernels.current();
        if (k.freeRunning()) {
            throw new IllegalArgumentException(k.name() + " is free-running; kern:pause it first");
        }
        Workload w = kernels.workload("memtrace");
        PageoutPolicyFactory f = policy.equals(NONE) ? null : kernels.pageoutPolicy(policy);
        String before = k.call(() -> vm(k.kernel()).policy());
        PageoutPolicyFactory restore = f == null ? null : kernels.pageoutPolicy(before);
        int faultLines = k.call(() -> k.kernel().faults().size());
        if (f != null) {
            k.call(() -> k.kernel().vm().swapPolicy(f));
        }
        try {
            WorkloadRun run = k.call(() -> w.start(k.kernel(), List.of(trace, "mem=" + mem, "page=" + page,
                    "backing=" + backing)));
            while (run.counters().get("done") == 0) {
                List<String> faults = k.call(() -> {
                    k.kernel().runFor(REPLAY_SLICE_NANOS);
                    return k.kernel().faults();
                });
                if (faults.size() > faultLines) {
                    throw new IllegalStateException("the replay died: " + faults.get(faults.size() - 1));
                }
            }
            Map<String, Long> c = run.counters();
            return String.format(Locale.ROOT, "replayed %s under %s, %s pages of %s (%s)%nreferences: %d%npages: %d%n"
                    + "faults: %d%nvirtual time: %s", trace, f == null ? before : f.name(), mem, page, backing,
                    c.get("references"), c.get("pages"), c.get("faults"), VirtualDuration.format(c.get("nanos")));
        } finally {
            if (restore != null) {
                k.call(() -> k.kernel().vm().swapPolicy(restore));
            }
        }
    }

    @Descriptor("the VM's counters since boot and its page counts now")
    public String stats() {
        BootedKernel k = kernels.current();
        return k.call(() -> {
            Vm vm = vm(k.kernel());
            VmStats s = vm.stats();
            StringBuilder out = new StringBuilder();
            out.append(k.name()).append(" at t=").append(VirtualDuration.format(k.kernel().now()))
                    .append(" (pageout ").append(vm.policy()).append(")\n");
            row(out, "faults", s.faults());
            row(out, "  bypass (vm_fault_bypass)", s.bypassFaults());
            row(out, "  zero-fill", s.zeroFills());
            row(out, "  copy-on-write", s.cowFaults());
            row(out, "  reactivated", s.reactivations());
            row(out, "  SIGSEGV", s.segvs());
            row(out, "swap-ins", s.swapIns());
            row(out, "swap-outs", s.swapOuts());
            row(out, "pages reclaimed", s.pagesFreed());
            row(out, "pagedaemon passes", s.pagedaemonRuns());
            row(out, "TLB misses (STLB hits)", s.tlbMisses());
            row(out, "page walks", s.pageWalks());
            row(out, "shootdown IPIs", s.shootdownIpis());
            out.append(String.format(Locale.ROOT, "  %-28s %,d (%s)%n", "pages", s.totalPages(),
                    MemorySize.format(s.totalPages() * 4096)));
            row(out, "  free", s.freePages());
            row(out, "  cache", s.cachePages());
            row(out, "  resident", s.residentPages());
            row(out, "  wired (page tables)", s.wiredPages());
            row(out, "swap slots used", s.swapUsed());
            return out.toString().stripTrailing();
        });
    }

    private static Vm vm(Kernel kernel) {
        if (kernel.vm() == null) {
            throw new IllegalArgumentException("this kernel was booted without a VM (kern:boot --vm none)");
        }
        return kernel.vm();
    }

    private String activeOrNull() {
        try {
            BootedKernel k = kernels.current();
            return k.call(() -> k.kernel().vm() == null ? null : k.kernel().vm().policy());
        } catch (IllegalArgumentException noKernel) {
            return null;
        }
    }

    private static void row(StringBuilder out, String name, long value) {
        out.append(String.format(Locale.ROOT, "  %-28s %,d%n", name, value));
    }
}
