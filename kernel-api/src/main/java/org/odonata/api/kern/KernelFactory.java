package org.odonata.api.kern;

import java.util.List;

import org.odonata.api.machine.Machine;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.vfs.RootFs;
import org.osgi.annotation.versioning.ProviderType;

/** Boots kernels; registered as a service by the kernel core. */
@ProviderType
public interface KernelFactory {

    /**
     * Boots a kernel on {@code machine} (which it then owns) with the given implementations and the default root
     * filesystem ({@link #defaultRoot}).
     */
    Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens);

    /**
     * Boots a kernel with the root filesystem {@code root}, mounted before virtual time starts.
     *
     * @throws IllegalArgumentException naming the unknown filesystem type or disk, or why the root did not mount
     */
    Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens, RootFs root);

    /** The root filesystem {@link #boot(Machine, UserSchedulerFactory, TokenAlgorithmFactory)} mounts. */
    RootFs defaultRoot(Machine machine);

    /** The filesystem types a root or a later mount may use, sorted. */
    List<String> filesystems();

    /**
     * Boots a kernel with a VM (the {@code VmFactory} service) reclaiming pages with {@code pageout}; its swap
     * device is the machine's disk named {@code swap0}, if it has one.
     *
     * @throws IllegalStateException when no VM bundle is active
     */
    Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens,
            PageoutPolicyFactory pageout);

    /**
     * Boots a kernel with the root filesystem {@code root} and, unless {@code pageout} is null, a VM reclaiming pages
     * with it.
     *
     * @throws IllegalArgumentException naming the unknown filesystem type or disk, or why the root did not mount
     * @throws IllegalStateException    when a VM is asked for and no VM bundle is active
     */
    Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens,
            PageoutPolicyFactory pageout, RootFs root);

    /** The tunables every kernel it boots has, with their defaults, in name order (to check specs up front). */
    List<Sysctl> sysctls();

    /**
     * Boots a guest kernel as a vkernel ({@code platform/vkernel64}): a process of {@code host} named {@code vkernel}
     * with one LWP per CPU of {@code guest} (its vCPU threads) carries it, and the guest's memory is that process's
     * address space. {@code guest} must run on the host machine's engine
     * ({@link org.odonata.api.machine.MachineFactory#create(org.odonata.api.machine.MachineSpec,
     * org.odonata.api.engine.Engine)}); the guest advances only while its vCPU LWPs run on host CPUs. The guest has a
     * tmpfs root and, unless {@code pageout} is null, a VM reclaiming pages with it; on a host with a VM, the guest's
     * memory is an anonymous mapping of the host process, faulted in as the guest starts using its frames.
     *
     * @throws IllegalArgumentException when {@code guest} does not run on the host's engine
     * @throws IllegalStateException    when the host cannot create the process (kern.maxproc), or a VM is asked for
     *                                  and no VM bundle is active
     */
    default Kernel bootVkernel(Kernel host, Machine guest, UserSchedulerFactory scheduler,
            TokenAlgorithmFactory tokens, PageoutPolicyFactory pageout) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot boot a vkernel");
    }
}
