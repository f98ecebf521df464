package org.odonata.vm.pageout;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.pageout.ResidentPage;
import org.odonata.api.vm.AccessFuture;
import org.odonata.vm.page.PageList;
import org.odonata.vm.page.PageQueue;
import org.odonata.vm.page.VmPage;

/**
 * A pool of resident pages under one pageout policy: the machine's pool, or one process's under
 * {@code RLIMIT_RSS}. It keeps the count, the pages' queue state and its own list of members in the order they
 * became resident, and is the policy's {@link PageoutHost}. A policy that throws, or names a victim that is not in
 * the pool, is ejected: the owner names a fallback, which takes over the members in that order.
 */
public final class ResidentPool implements PageoutHost {

    /** What the pool needs from the VM. */
    public interface Owner {
        /** {@code pmap_ts_referenced}, charged to the calling CPU. */
        boolean testAndClearReferenced(VmPage page);

        RandomGenerator random(String name);

        long now();

        /**
         * The pool's policy failed ({@code why}); returns the policy to continue with, or null to let the failure
         * propagate.
         */
        PageoutPolicyFactory policyFailed(ResidentPool pool, String why, RuntimeException failure);
    }

    private final Owner owner;
    private final String name;
    private final long capacity;
    private final boolean limited;
    private final PageList members = new PageList();
    /** The future of the pool's process (a trace replay), or null. */
    private AccessFuture future;
    private PageoutPolicy policy;
    private String policyName;

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
        members.addTail(p);
        try {
            policy.admit(p);
        } catch (RuntimeException e) {
            eject("admit", e);
        }
    }

    /** The VM takes a page out for its own reasons (unmap, exit). */
    public void remove(VmPage p) {
        members.remove(p);
        p.queue = PageQueue.NONE;
        p.pool = null;
        try {
            policy.remove(p);
        } catch (RuntimeException e) {
            eject("remove", e);
        }
    }

    /** An access the model saw (every one: TLB hits included). */
    public void referenced(VmPage p) {
        try {
            policy.referenced(p);
        } catch (RuntimeException e) {
            eject("referenced", e);
        }
    }

    /** The policy's next victim, out of the pool, or null when it is empty. */
    public VmPage victim() {
        VmPage p;
        try {
            p = (VmPage) policy.selectVictim();
        } catch (RuntimeException e) {
            eject("selectVictim", e);
            p = (VmPage) policy.selectVictim();
        }
        if (p == null ? members.size() > 0 : p.pool != this || p.queue != PageQueue.POOL) {
            String what = p == null ? "no victim from a pool of " + members.size() + " pages"
                    : "a victim that is not in the pool (" + p + ")";
            if (p != null && p.pool == this) {
                // it was ours: it stays, and the new policy learns of it with the rest
                members.remove(p);
                members.addTail(p);
            }
            eject(what, new IllegalStateException(what));
            p = (VmPage) policy.selectVictim();
        }
        if (p != null) {
            members.remove(p);
            p.queue = PageQueue.NONE;
            p.pool = null;
        }
        return p;
    }

    /** Replaces the policy, handing over the resident set in the old one's eviction order; returns its size. */
    public int swap(PageoutPolicyFactory factory) {
        List<ResidentPage> pages;
        try {
            pages = policy.export();
        } catch (RuntimeException e) {
            pages = membersInOrder();
        }
        install(factory);
        policy.importPages(pages);
        return pages.size();
    }

    private List<ResidentPage> membersInOrder() {
        List<ResidentPage> pages = new ArrayList<>(members.size());
        for (VmPage p = members.head(); p != null; p = PageList.next(p)) {
            pages.add(p);
        }
        return pages;
    }

    /** Ejects the failed policy for the owner's fallback, which takes the members over oldest first. */
    private void eject(String during, RuntimeException failure) {
        PageoutPolicyFactory fallback = owner.policyFailed(this, "pageout policy '" + policyName + "' failed in "
                + during + ": " + failure, failure);
        if (fallback == null) {
            throw failure;
        }
        install(fallback);
        policy.importPages(membersInOrder());
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
        return members.size();
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
        return "pool " + name + " (" + policyName + ", " + members.size() + "/" + (limited ? capacity : "machine") + ")";
    }
}
