package org.odonata.api.kern;

import java.util.List;

import org.odonata.api.machine.Machine;
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

    /** The tunables every kernel it boots has, with their defaults, in name order (to check specs up front). */
    List<Sysctl> sysctls();
}
