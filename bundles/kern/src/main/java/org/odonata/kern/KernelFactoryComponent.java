package org.odonata.kern;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelFactory;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.machine.Machine;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.vm.VmFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers the kernel core as the KernelFactory service: a new, independent kernel per machine, with a VM from the
 * VmFactory service when asked for one.
 */
@Component(service = KernelFactory.class)
public final class KernelFactoryComponent implements KernelFactory {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VmFactory vmFactory;

    public KernelFactoryComponent() {
    }

    /** Outside OSGi (tests, tools): with the given VM. */
    public KernelFactoryComponent(VmFactory vmFactory) {
        this.vmFactory = vmFactory;
    }

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens) {
        return new SimKernel(machine, scheduler, tokens);
    }

    @Override
    public Kernel boot(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens,
            PageoutPolicyFactory pageout) {
        VmFactory vm = vmFactory;
        if (vm == null) {
            throw new IllegalStateException("no VM: the bundle org.odonata.vm is not active");
        }
        return new SimKernel(machine, scheduler, tokens, vm, pageout);
    }

    @Override
    public List<Sysctl> sysctls() {
        return Sysctls.DEFAULTS;
    }
}
