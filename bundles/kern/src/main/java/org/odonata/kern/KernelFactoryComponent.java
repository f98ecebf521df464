package org.odonata.kern;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelFactory;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.machine.Machine;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.osgi.service.component.annotations.Component;

/** Registers the kernel core as the KernelFactory service: a new, independent kernel per machine. */
@Component(service = KernelFactory.class)
public final class KernelFactoryComponent implements KernelFactory {

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens) {
        return new SimKernel(machine, scheduler, tokens);
    }

    @Override
    public List<Sysctl> sysctls() {
        return Sysctls.DEFAULTS;
    }
}
