package org.odonata.kern;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelFactory;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.machine.Machine;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.LockFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.vfs.RootFs;
import org.odonata.api.vfs.VfsFactory;
import org.odonata.api.vm.VmFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers the kernel core as the KernelFactory service: a new, independent kernel per machine, each with its own
 * VFS from the {@link VfsFactory} service, its user scheduler's spinlocks from the {@link LockFactory} service and,
 * when asked for one, a VM from the VmFactory service.
 */
@Component(service = KernelFactory.class)
public final class KernelFactoryComponent implements KernelFactory {

    @Reference
    private VfsFactory vfs;

    @Reference
    private LockFactory locks;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VmFactory vmFactory;

    /** For DS, which injects the references. */
    public KernelFactoryComponent() {
    }

    /** Outside OSGi (tests, tools): with the given locks and VFS, and no VM. */
    public KernelFactoryComponent(LockFactory locks, VfsFactory vfs) {
        this(locks, vfs, null);
    }

    /** Outside OSGi (tests, tools): with the given locks, VFS and VM. */
    public KernelFactoryComponent(LockFactory locks, VfsFactory vfs, VmFactory vmFactory) {
        this.locks = locks;
        this.vfs = vfs;
        this.vmFactory = vmFactory;
    }

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens) {
        return boot(machine, scheduler, tokens, null, defaultRoot(machine));
    }

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens, RootFs root) {
        return boot(machine, scheduler, tokens, null, root);
    }

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens,
            PageoutPolicyFactory pageout) {
        return boot(machine, scheduler, tokens, pageout, defaultRoot(machine));
    }

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens,
            PageoutPolicyFactory pageout, RootFs root) {
        if (vfs == null) {
            throw new IllegalStateException("no VFS: the bundle org.odonata.vfs is not active");
        }
        if (locks == null) {
            throw new IllegalStateException("no LockFactory: the bundle org.odonata.sync.tokens is not active");
        }
        VmFactory vm = null;
        if (pageout != null) {
            vm = vmFactory;
            if (vm == null) {
                throw new IllegalStateException("no VM: the bundle org.odonata.vm is not active");
            }
        }
        return new SimKernel(machine, scheduler, tokens, locks, vfs, root, vm, pageout);
    }

    @Override
    public Kernel bootVkernel(Kernel host, Machine guest, UserSchedulerFactory scheduler,
            TokenAlgorithmFactory tokens, PageoutPolicyFactory pageout) {
        if (!(host instanceof SimKernel h)) {
            throw new IllegalArgumentException("the host must be a kernel this factory booted, not " + host);
        }
        if (guest.engine() != h.engine) {
            throw new IllegalArgumentException("guest machine " + guest.name() + " does not run on host "
                    + h.machine.name() + "'s engine; build it with MachineFactory.create(spec, host engine)");
        }
        if (h.carrier != null) {
            throw new IllegalArgumentException(h.machine.name() + " is itself a guest; a vkernel inside a vkernel "
                    + "is not supported");
        }
        VmFactory vm = pageout == null ? null : vmFactory;
        if (pageout != null && vm == null) {
            throw new IllegalStateException("no VM: the bundle org.odonata.vm is not active");
        }
        GuestMachine gm = new GuestMachine(guest);
        VkernelProcess vk = new VkernelProcess(h, gm);
        SimKernel k = new SimKernel(gm, scheduler, tokens, locks, vfs, RootFs.TMPFS, vm, pageout);
        k.carrier = vk;
        k.vkernelTrapCycles = VkernelProcess.trapCycles(h.machine.costs());
        vk.start(k);
        return k;
    }

    /**
     * HAMMER on the machine's first disk (made there at boot if the disk is blank) when the machine has a disk and the
     * HAMMER bundle is active; otherwise tmpfs.
     */
    @Override
    public RootFs defaultRoot(Machine machine) {
        return !machine.disks().isEmpty() && filesystems().contains(HAMMER) ? new RootFs(HAMMER, null) : RootFs.TMPFS;
    }

    private static final String HAMMER = "hammer";

    @Override
    public List<String> filesystems() {
        return vfs == null ? List.of() : vfs.types();
    }

    @Override
    public List<Sysctl> sysctls() {
        return Sysctls.DEFAULTS;
    }
}
