package org.odonata.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.odonata.api.engine.VirtualDuration;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelFactory;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.kern.Workload;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineFactory;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.topology.Topology;
import org.odonata.api.vm.VmFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.odonata.api.vfs.RootFs;
import org.odonata.tck.Platform;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The kernels this shell booted, and the scheduler, token, pageout-policy and workload implementations registered
 * as services. When the bundle of an implementation in use goes away (stop, update, uninstall), every kernel using
 * it is swapped, at a safe point, to another registration of the same name (a new version) or to the reference
 * implementation ({@code dfly}, {@code lwkt}, pageout {@code dfly}); when an implementation of the wanted name comes
 * back, the kernel is swapped back to it. No framework refresh is involved. The kernel core and the machine model
 * are different: a booted kernel cannot outlive them, so when either goes away ({@code felix:stop} of its bundle)
 * the shell says which kernels it discards, and the {@code kern:} commands stay to say what is missing until it is
 * back.
 */
@Component(service = Kernels.class, immediate = true)
public final class Kernels {

    static final String REFERENCE_SCHEDULER = "dfly";
    static final String REFERENCE_TOKENS = "lwkt";
    static final String REFERENCE_PAGEOUT = "dfly";
    /** {@code --vm none}: a kernel without a VM. */
    static final String NO_VM = "none";
    static final int SCHED = 0;
    static final int SYNC = 1;
    static final int PAGEOUT = 2;

    /** A kernel and the implementation names it wants (which may be away while their bundle is stopped). */
    private record Booted(BootedKernel kernel, String[] wanted) {
    }

    private final List<UserSchedulerFactory> schedulers = new CopyOnWriteArrayList<>();
    private final List<TokenAlgorithmFactory> tokens = new CopyOnWriteArrayList<>();
    private final List<PageoutPolicyFactory> pageouts = new CopyOnWriteArrayList<>();
    private final List<Workload> workloads = new CopyOnWriteArrayList<>();
    private final Map<String, Booted> kernels = new LinkedHashMap<>();
    private final List<String> swapLog = new CopyOnWriteArrayList<>();
    private final List<String> discarded = new CopyOnWriteArrayList<>();
    private String current;
    private int next;
    private BundleContext context;

    private volatile KernelFactory kernelFactory;
    private volatile MachineFactory machineFactory;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindKernelFactory(KernelFactory f) {
        kernelFactory = f;
    }

    void unbindKernelFactory(KernelFactory f) {
        if (kernelFactory == f) {
            kernelFactory = null;
            discardAll(f, "the kernel core");
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMachineFactory(MachineFactory f) {
        machineFactory = f;
    }

    void unbindMachineFactory(MachineFactory f) {
        if (machineFactory == f) {
            machineFactory = null;
            discardAll(f, "the machine model");
        }
    }

    /** Kernels booted with a VM hold the VM bundle's objects: they go when it goes; kernels without one stay. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addVmFactory(VmFactory f) {
        // nothing to do: a new VM serves kernels booted from now on
    }

    void removeVmFactory(VmFactory f) {
        Bundle provider = FrameworkUtil.getBundle(f.getClass());
        discard(f, "the VM system", b -> b.call(() -> b.kernel().vm() != null
                && FrameworkUtil.getBundle(b.kernel().vm().getClass()) == provider));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addScheduler(UserSchedulerFactory f) {
        schedulers.add(f);
        rebind(SCHED, f.name(), k -> k.kernel().swapScheduler(f));
    }

    void removeScheduler(UserSchedulerFactory f) {
        schedulers.remove(f);
        evacuate(SCHED, f.name(),
                name -> replacement(schedulers, name, REFERENCE_SCHEDULER, UserSchedulerFactory::name),
                (k, r) -> k.kernel().swapScheduler(r));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTokens(TokenAlgorithmFactory f) {
        tokens.add(f);
        rebind(SYNC, f.name(), k -> k.kernel().swapTokens(f));
    }

    void removeTokens(TokenAlgorithmFactory f) {
        tokens.remove(f);
        evacuate(SYNC, f.name(),
                name -> replacement(tokens, name, REFERENCE_TOKENS, TokenAlgorithmFactory::name),
                (k, r) -> k.kernel().swapTokens(r));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPageout(PageoutPolicyFactory f) {
        pageouts.add(f);
        rebind(PAGEOUT, f.name(), k -> k.kernel().vm().swapPolicy(f));
    }

    void removePageout(PageoutPolicyFactory f) {
        pageouts.remove(f);
        evacuate(PAGEOUT, f.name(),
                name -> replacement(pageouts, name, REFERENCE_PAGEOUT, PageoutPolicyFactory::name),
                (k, r) -> k.kernel().vm().swapPolicy(r));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addWorkload(Workload w) {
        workloads.add(w);
    }

    void removeWorkload(Workload w) {
        workloads.remove(w);
    }

    @Deactivate
    synchronized void deactivate() {
        kernels.values().forEach(b -> b.kernel().close());
        kernels.clear();
    }

    List<UserSchedulerFactory> schedulers() {
        return List.copyOf(schedulers);
    }

    List<TokenAlgorithmFactory> tokenAlgorithms() {
        return List.copyOf(tokens);
    }

    List<Workload> workloads() {
        return List.copyOf(workloads);
    }

    List<PageoutPolicyFactory> pageoutPolicies() {
        return List.copyOf(pageouts);
    }

    PageoutPolicyFactory pageoutPolicy(String name) {
        return find(pageouts, name, PageoutPolicyFactory::name, "pageout policy");
    }

    /** Swaps that happened because an implementation's bundle went away or came back. */
    List<String> automaticSwaps() {
        return List.copyOf(swapLog);
    }

    UserSchedulerFactory scheduler(String name) {
        return find(schedulers, name, UserSchedulerFactory::name, "scheduler");
    }

    TokenAlgorithmFactory tokenAlgorithm(String name) {
        return find(tokens, name, TokenAlgorithmFactory::name, "token implementation");
    }

    /** What the conformance kits run implementations on: this framework's machine and kernel factories. */
    Platform platform() {
        return new Platform(machineFactory, kernelFactory);
    }

    Workload workload(String name) {
        return find(workloads, name, Workload::name, "workload");
    }

    /**
     * Boots a kernel with the named implementations; {@code vm} names its pageout policy, or is {@link #NO_VM}. A
     * policy that needs a replay's future ({@code opt}) boots with the reference one and is then asked for, so it
     * runs in the pools of replays. {@code rootfs} names the root filesystem's type, or is null for the default.
     */
    synchronized BootedKernel boot(MachineSpec base, String sched, String sync, String vm, String rootfs) {
        UserSchedulerFactory s = scheduler(sched);
        TokenAlgorithmFactory t = tokenAlgorithm(sync);
        PageoutPolicyFactory p = vm.equals(NO_VM) ? null : pageoutPolicy(vm);
        KernelFactory kf = require(kernelFactory, "the kernel core (org.odonata.kern)");
        MachineFactory mf = require(machineFactory, "the machine model (org.odonata.hw.x86)");
        // the name is taken only once the kernel is up: a failed boot leaves it for the next
        String name = "kern" + next;
        MachineSpec spec = new MachineSpec(name, base.topology(), base.costs(), base.disks(), base.seed(),
                base.engine());
        if (rootfs != null && !kf.filesystems().contains(rootfs)) {
            throw new IllegalArgumentException("unknown root filesystem '" + rootfs + "'; valid: "
                    + String.join(", ", kf.filesystems()));
        }
        Machine machine = mf.create(spec);
        Kernel kernel;
        try {
            RootFs root = rootfs == null ? kf.defaultRoot(machine) : new RootFs(rootfs, null);
            if (p == null) {
                kernel = kf.boot(machine, s, t, root);
            } else if (p.needsFuture()) {
                kernel = kf.boot(machine, s, t, pageoutPolicy(REFERENCE_PAGEOUT), root);
                kernel.vm().swapPolicy(p);
            } else {
                kernel = kf.boot(machine, s, t, p, root);
            }
        } catch (RuntimeException | Error e) {
            machine.close();
            throw e;
        }
        next++;
        if (kernel.vm() != null) {
            kernel.vm().setFallback(optional(pageouts, REFERENCE_PAGEOUT, PageoutPolicyFactory::name));
        }
        // a faulty implementation is ejected to the reference one, when it is registered
        kernel.setFallback(optional(schedulers, REFERENCE_SCHEDULER, UserSchedulerFactory::name),
                optional(tokens, REFERENCE_TOKENS, TokenAlgorithmFactory::name));
        BootedKernel b = new BootedKernel(name, kernel, this::outOfMemory);
        // never silent: an ejection is printed when it happens (kern:faults has the stack trace and the dump)
        kernel.setFaultListener(f -> b.faulted(name + ": " + f.line()));
        kernels.put(name, new Booted(b, new String[] {sched, sync, vm}));
        current = name;
        return b;
    }

    /**
     * Boots a guest kernel as a vkernel of the booted kernel {@code hostName}: a host process whose {@code topology}'s
     * CPUs are its LWPs, on the host's engine and thread.
     */
    synchronized BootedKernel bootVkernel(String hostName, Topology topology, String sched, String sync, String vm) {
        Booted h = kernels.get(hostName);
        if (h == null) {
            throw new IllegalArgumentException("--vkernel-of: no kernel named '" + hostName + "'; kernels: "
                    + (kernels.isEmpty() ? "(none booted)" : String.join(", ", kernels.keySet())));
        }
        UserSchedulerFactory s = scheduler(sched);
        TokenAlgorithmFactory t = tokenAlgorithm(sync);
        PageoutPolicyFactory p = vm.equals(NO_VM) ? null : pageoutPolicy(vm);
        if (p != null && p.needsFuture()) {
            throw new IllegalArgumentException("pageout policy '" + vm + "' needs a trace's future; a guest's VM "
                    + "cannot use it");
        }
        KernelFactory kf = require(kernelFactory, "the kernel core (org.odonata.kern)");
        MachineFactory mf = require(machineFactory, "the machine model (org.odonata.hw.x86)");
        BootedKernel host = h.kernel();
        String name = "kern" + next;
        Kernel kernel = host.call(() -> {
            Machine hm = host.kernel().machine();
            Machine guest = mf.create(new MachineSpec(name, topology, hm.costs(), List.of(), hm.spec().seed(),
                    hm.spec().engine()), hm.engine());
            return kf.bootVkernel(host.kernel(), guest, s, t, p);
        });
        next++;
        if (kernel.vm() != null) {
            kernel.vm().setFallback(optional(pageouts, REFERENCE_PAGEOUT, PageoutPolicyFactory::name));
        }
        kernel.setFallback(optional(schedulers, REFERENCE_SCHEDULER, UserSchedulerFactory::name),
                optional(tokens, REFERENCE_TOKENS, TokenAlgorithmFactory::name));
        BootedKernel b = new BootedKernel(name, kernel, this::outOfMemory, host);
        kernel.setFaultListener(f -> b.faulted(name + ": " + f.line()));
        kernels.put(name, new Booted(b, new String[] {sched, sync, vm}));
        current = name;
        return b;
    }

    /** The kernel commands act on: the one booted last, or the one {@link #use(String)} chose. */
    synchronized BootedKernel current() {
        if (current == null) {
            require(kernelFactory, "the kernel core (org.odonata.kern)");
            throw new IllegalArgumentException("no machine booted; boot one with kern:boot [--preset P] "
                    + "[--sched NAME] [--sync NAME] [--vm NAME] [--mem SIZE] [--seed N]" + (discarded.isEmpty() ? ""
                    : " (" + discarded.get(discarded.size() - 1) + ")"));
        }
        return kernels.get(current).kernel();
    }

    /** Makes {@code name} the kernel later commands act on. */
    synchronized BootedKernel use(String name) {
        BootedKernel b = named(name);
        current = name;
        return b;
    }

    /** The booted kernel called {@code name} ({@code kern:machines} lists them). */
    synchronized BootedKernel named(String name) {
        Booted b = kernels.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no kernel named '" + name + "'; kernels: " + (kernels.isEmpty()
                    ? "(none booted)" : String.join(", ", kernels.keySet())));
        }
        return b.kernel();
    }

    /** Why kernels booted earlier are gone, oldest first. */
    List<String> discards() {
        return List.copyOf(discarded);
    }

    /** Forgets a kernel that ran out of heap mid-event (its state cannot be trusted) and frees its memory. */
    private synchronized void outOfMemory(BootedKernel k) {
        if (kernels.remove(k.name()) != null) {
            k.discard();
            if (k.name().equals(current)) {
                current = null;
            }
            discarded.add(k.name() + " was discarded: it ran out of memory");
        }
    }

    /**
     * A booted kernel cannot outlive its kernel core or machine model: when either goes away, says which kernels
     * go with it (unless the whole framework is stopping) and closes them.
     */
    private synchronized void discardAll(Object factory, String what) {
        discard(factory, what, b -> true);
    }

    /**
     * Closes the kernels {@code affected} picks, saying which (unless the whole framework is stopping): they cannot
     * outlive the bundle that went away.
     */
    private synchronized void discard(Object factory, String what, Predicate<BootedKernel> affected) {
        List<BootedKernel> gone = kernels.values().stream().map(Booted::kernel)
                .filter(b -> affected.test(b) || b.host() != null && affected.test(b.host())).toList();
        if (gone.isEmpty()) {
            return;
        }
        Bundle provider = FrameworkUtil.getBundle(factory.getClass());
        String bundle = provider == null ? what : what + " (" + provider.getSymbolicName() + ", bundle "
                + provider.getBundleId() + ")";
        String list = gone.stream().map(b -> b.name() + " (" + (b.freeRunning() ? "running" : "paused") + " at t="
                + VirtualDuration.format(b.call(() -> b.kernel().now())) + ", " + b.workloads().size()
                + " workloads)").collect(Collectors.joining(", "));
        if (!frameworkStopping()) {
            System.out.println("warning: " + bundle + " is going away; a booted kernel cannot outlive it, so "
                    + gone.size() + " kernel" + (gone.size() == 1 ? " is" : "s are") + " discarded: " + list);
        }
        for (BootedKernel b : gone) {
            b.close();
            kernels.remove(b.name());
            if (b.name().equals(current)) {
                current = null;
            }
        }
        discarded.add("discarded when " + bundle + " went away: " + list);
    }

    private boolean frameworkStopping() {
        return context == null || context.getBundle(0).getState() == Bundle.STOPPING;
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw new IllegalStateException(what + " is not running: its bundle is stopped or gone; felix:start "
                    + "it (lb lists the bundles)");
        }
        return service;
    }

    synchronized List<BootedKernel> all() {
        return kernels.values().stream().map(Booted::kernel).toList();
    }

    /** Records the implementation the user chose, so that it is restored if its bundle comes and goes. */
    synchronized void wanted(BootedKernel k, int subsystem, String name) {
        kernels.get(k.name()).wanted()[subsystem] = name;
    }

    /** The name of the implementation a kernel uses for a subsystem now ("" for pageout on a kernel without VM). */
    private static String active(BootedKernel k, int subsystem) {
        return k.call(() -> switch (subsystem) {
            case SCHED -> k.kernel().scheduler();
            case SYNC -> k.kernel().tokens();
            default -> k.kernel().vm() == null ? "" : k.kernel().vm().policy();
        });
    }

    private synchronized void rebind(int subsystem, String name, Function<BootedKernel, SwapReport> swap) {
        for (Booted b : kernels.values()) {
            String active = active(b.kernel(), subsystem);
            if (b.wanted()[subsystem].equals(name) && !active.equals(name)) {
                log(b.kernel().call(() -> swap.apply(b.kernel())), "its bundle is back");
            }
        }
    }

    private synchronized <F> void evacuate(int subsystem, String name, Function<String, F> replacement,
            BiFunction<BootedKernel, F, SwapReport> swap) {
        for (Booted b : kernels.values()) {
            if (active(b.kernel(), subsystem).equals(name)) {
                F r = replacement.apply(name);
                if (r != null) {
                    log(b.kernel().call(() -> swap.apply(b.kernel(), r)), "the bundle of '" + name + "' went away");
                }
            }
        }
    }

    private void log(SwapReport r, String why) {
        swapLog.add(SwapText.of(r) + " (" + why + ")");
    }

    private static <F> F replacement(List<F> registered, String name, String reference, Function<F, String> nameOf) {
        return registered.stream().filter(f -> nameOf.apply(f).equals(name)).findFirst()
                .or(() -> registered.stream().filter(f -> nameOf.apply(f).equals(reference)).findFirst())
                .or(() -> registered.stream().findFirst()).orElse(null);
    }

    private static <F> F optional(List<F> registered, String name, Function<F, String> nameOf) {
        return registered.stream().filter(f -> nameOf.apply(f).equals(name)).findFirst().orElse(null);
    }

    private static <F> F find(List<F> registered, String name, Function<F, String> nameOf, String what) {
        for (F f : registered) {
            if (nameOf.apply(f).equals(name)) {
                return f;
            }
        }
        Map<String, F> byName = new TreeMap<>();
        registered.forEach(f -> byName.put(nameOf.apply(f), f));
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; valid: "
                + (byName.isEmpty() ? "(none registered)" : String.join(", ", new ArrayList<>(byName.keySet()))));
    }
}
