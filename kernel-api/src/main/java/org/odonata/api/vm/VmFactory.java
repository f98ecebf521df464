package org.odonata.api.vm;

import org.odonata.api.pageout.PageoutPolicyFactory;
import org.osgi.annotation.versioning.ConsumerType;

/** Registered as a service by the VM bundle; gives each kernel its own {@link Vm}. */
@ConsumerType
public interface VmFactory {

    /**
     * A VM for the kernel behind {@code host}, reclaiming pages with {@code policy}; its pageout daemon starts at
     * once as a kernel thread.
     *
     * @param swapDevice index into {@code host.machine().disks()} of the swap device, or -1 for no swap
     */
    Vm create(VmHost host, PageoutPolicyFactory policy, int swapDevice);
}
