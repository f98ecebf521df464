package org.odonata.kern;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelFactory;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.machine.Machine;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.vfs.RootFs;
import org.odonata.api.vfs.VfsFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers the kernel core as the KernelFactory service: a new, independent kernel per machine, each with its own
 * VFS from the {@link VfsFactory} service.
 */
@Component(service = KernelFactory.class)
public final class KernelFactoryComponent implements KernelFactory {

    private final VfsFactory vfs;

    @Activate
    public KernelFactoryComponent(@Reference VfsFactory vfs) {
        this.vfs = vfs;
    }

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens) {
        return boot(machine, scheduler, tokens, defaultRoot(machine));
    }

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens, RootFs root) {
        return new SimKernel(machine, scheduler, tokens, vfs, root);
    }

    /** tmpfs: HAMMER as a root filesystem on the machine's disk comes with the buffer cache. */
    @Override
    public RootFs defaultRoot(Machine machine) {
        return RootFs.TMPFS;
    }

    @Override
    public List<String> filesystems() {
        return vfs.types();
    }

    @Override
    public List<Sysctl> sysctls() {
        return Sysctls.DEFAULTS;
    }
}
