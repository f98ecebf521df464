package org.odonata.api.pageout;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The replacement policy of one pool of resident pages: the machine's (reclaimed by the pageout daemon down to
 * DragonFly's free targets) or one process's (under {@code RLIMIT_RSS}, reclaimed at fault time). The VM tells it
 * which pages enter and leave the pool and asks it for victims; it reads reference bits through the host. Every
 * call runs inside the simulation on the machine's host thread: no locking, no host clock, randomness only from
 * {@link PageoutHost#random()}.
 */
@ConsumerType
public interface PageoutPolicy {

    /** Called once, before any other method. */
    void init(PageoutHost host);

    /** A page became resident in the pool (a fault brought it in). */
    void admit(ResidentPage page);

    /**
     * An access to a resident page, for policies that use every reference the model sees ({@code lru},
     * {@code opt}); hardware-like policies ignore it and read the reference bit instead. Called on every access,
     * so it must be cheap.
     */
    default void referenced(ResidentPage page) {
    }

    /** The page left the pool for the VM's own reasons (unmapped, its process exited); forget it. */
    void remove(ResidentPage page);

    /**
     * The next page to evict; the policy forgets it. The VM evicts it, or admits it again if it cannot (the page
     * is busy). Returns {@code null} only when the pool is empty.
     */
    ResidentPage selectVictim();

    /** Every page of the pool, the next victim first; the policy is discarded afterwards (a live swap). */
    List<ResidentPage> export();

    /** Takes over a pool from another policy's {@link #export()}, next victim first. */
    default void importPages(List<ResidentPage> pages) {
        pages.forEach(this::admit);
    }
}
