package org.odonata.api.vm;

import java.util.List;
import java.util.Map;

import org.odonata.api.kern.SwapReport;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One kernel's virtual-memory system: physical pages with their queues, the pageout daemon and its policy, swap,
 * and the address spaces of processes. Confined, like the kernel, to the host thread that runs the machine.
 */
@ConsumerType
public interface Vm {

    /** A new, empty address space for process {@code pid} ({@code vmspace_alloc}). */
    VmSpace vmspaceAlloc(int pid);

    /** The name of the pageout policy in use. */
    String policy();

    /**
     * Replaces the pageout policy at the next safe point (now, between events): the old policy exports every
     * resident page in its eviction order and the new one imports them, for the machine's pool and every
     * per-process pool; the report counts the pages handed over.
     *
     * @throws IllegalArgumentException when the policy needs a future no pool has ({@code opt} outside a replay)
     */
    SwapReport swapPolicy(PageoutPolicyFactory factory);

    /**
     * The policy a pool falls back to when its policy throws or makes an impossible decision (a victim that is not
     * in the pool): the faulty one is ejected at once, the pool's pages are handed to a new instance of
     * {@code fallback} in the order they became resident, and a line goes to the kernel's fault log. {@code null}
     * means no fallback: the failure propagates out of the faulting thread.
     */
    void setFallback(PageoutPolicyFactory fallback);

    /** Counters since boot and the current page counts. */
    VmStats stats();

    /**
     * The vnode pager's counters since boot, by name in a stable order: {@code vnode.pageins} (pages read in through
     * a filesystem), {@code vnode.pageouts} (dirty file pages written back), {@code sigbus} (accesses past a mapped
     * file's end). Empty for a VM without a vnode pager.
     */
    default Map<String, Long> pagerStats() {
        return Map.of();
    }

    /** The VM's tunables ({@code vm.*}) with their values, in name order. */
    List<Sysctl> sysctls();

    /**
     * Sets a tunable; returns the value it had.
     *
     * @throws IllegalArgumentException for an unknown name or a value out of range (the message says which)
     */
    long sysctl(String name, long value);
}
