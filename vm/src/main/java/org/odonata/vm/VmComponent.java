package org.odonata.vm;

import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sync.LockFactory;
import org.odonata.api.vm.Vm;
import org.odonata.api.vm.VmFactory;
import org.odonata.api.vm.VmHost;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registers the VM as the VmFactory service: a new, independent VM per kernel. */
@Component(service = VmFactory.class)
public final class VmComponent implements VmFactory {

    @Reference
    private LockFactory locks;

    public VmComponent() {
    }

    /** Outside OSGi (tests, benchmarks): with the given lock implementation. */
    public VmComponent(LockFactory locks) {
        this.locks = locks;
    }

    @Override
    public Vm create(VmHost host, PageoutPolicyFactory policy, int swapDevice) {
        return new SimVm(host, locks, policy, swapDevice);
    }
}
