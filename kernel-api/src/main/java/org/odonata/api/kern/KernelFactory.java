package org.odonata.api.kern;

import java.util.List;

import org.odonata.api.machine.Machine;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.osgi.annotation.versioning.ProviderType;

/** Boots kernels; registered as a service by the kernel core. */
@ProviderType
public interface KernelFactory {

    /** Boots a kernel on {@code machine} (which it then owns) with the given implementations. */
    Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens);

    /**
     * Boots a kernel with a VM (the {@code VmFactory} service) reclaiming pages with {@code pageout}; its swap
     * device is the machine's disk named {@code swap0}, if it has one.
     *
     * @throws IllegalStateException when no VM bundle is active
     */
    Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens,
            PageoutPolicyFactory pageout);

    /** The tunables every kernel it boots has, with their defaults, in name order (to check specs up front). */
    List<Sysctl> sysctls();
}
