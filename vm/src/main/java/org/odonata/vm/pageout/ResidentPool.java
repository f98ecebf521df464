package org.odonata.vm.pageout;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.pageout.ResidentPage;
import org.odonata.api.vm.AccessFuture;
import org.odonata.vm.page.PageQueue;
import org.odonata.vm.page.VmPage;

/**
 * A pool of resident pages under one pageout policy: the machine's pool, or one process's under
 * {@code RLIMIT_RSS}. It keeps the count and the pages' queue state, and is the policy's {@link PageoutHost}.
 */
public final class ResidentPool implements PageoutHost {

    /** What the pool needs from the VM. */
    public interface Owner {
        /** {@code pmap_ts_referenced}, charged to the calling CPU. */
        boolean testAndClearReferenced(VmPage page);

        RandomGenerator random(String name);

        long now();
    }

    private final Owner owner;
    private final String name;
    private final long capacity;
    private final boolean limited;
    /** The future of the pool's process (a trace replay), or null. */
    private AccessFuture future;
    private PageoutPolicy policy;
    private String policyName;
    private long resident;

    /**
     * @param capacity pages: the RSS limit of a limited pool, the machine's page count otherwise
     * @param limited  whether faults replace locally at {@code capacity} (a process's pool)
     */
    public ResidentPool(Owner owner, String name, long capacity, boolean limited, PageoutPolicyFactory factory) {
        this.owner = owner;
        this.name = name;
        this.capacity = capacity;
        this.limited = limited;
        install(factory);
    }

    public String name() {
        return name;
    }

    public String policyName() {
        return policyName;
    }

    public boolean limited() {
        return limited;
    }

    public void setFuture(AccessFuture f) {
        future = f;
    }

    /** A page enters the pool (after a fault brought it in). */
    public void admit(VmPage p) {
        p.queue = PageQueue.POOL;
        p.pool = this;
        resident++;
        policy.admit(p);
    }

    /** The VM takes a page out for its own reasons (unmap, exit). */
    public void remove(VmPage p) {
        policy.remove(p);
        resident--;
        p.queue = PageQueue.NONE;
        p.pool = null;
    }

    /** An access the model saw (every one: TLB hits included). */
    public void referenced(VmPage p) {
        policy.referenced(p);
    }

    /** The policy's next victim, out of the pool, or null when it is empty. */
    public VmPage victim() {
        VmPage p = (VmPage) policy.selectVictim();
        if (p != null) {
            resident--;
            p.queue = PageQueue.NONE;
            p.pool = null;
        }
        return p;
    }

    /** Replaces the policy, handing over the resident set in the old one's eviction order; returns its size. */
    public int swap(PageoutPolicyFactory factory) {
        List<ResidentPage> pages = policy.export();
        install(factory);
        policy.importPages(pages);
        return pages.size();
    }

    private void install(PageoutPolicyFactory factory) {
        PageoutPolicy p = factory.create();
        p.init(this);
        policy = p;
        policyName = factory.name();
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long resident() {
        return resident;
    }

    @Override
    public boolean testAndClearReferenced(ResidentPage page) {
        return owner.testAndClearReferenced((VmPage) page);
    }

    @Override
    public boolean knowsFuture() {
        return future != null;
    }

    @Override
    public long nextUse(ResidentPage page) {
        if (future == null) {
            throw new IllegalStateException("pool " + name + " has no declared future: its process is not a replay");
        }
        return future.nextUse(((VmPage) page).lastVpn);
    }

    @Override
    public RandomGenerator random() {
        return owner.random("vm.pageout." + policyName);
    }

    @Override
    public long now() {
        return owner.now();
    }

    @Override
    public String toString() {
        return "pool " + name + " (" + policyName + ", " + resident + "/" + (limited ? capacity : "machine") + ")";
    }
}
