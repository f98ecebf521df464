package org.odonata.shell;

import java.util.Comparator;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.memory.MemorySize;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.vm.Vm;
import org.odonata.api.vm.VmStats;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code vm:} commands: pageout policies and live swaps between them, and the VM's counters. */
@Component(service = VmCommands.class, immediate = true, property = {
    "osgi.command.scope=vm",
    "osgi.command.function=policy",
    "osgi.command.function=stats"})
public final class VmCommands {

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
