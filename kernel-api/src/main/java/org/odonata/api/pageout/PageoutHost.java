package org.odonata.api.pageout;

import java.util.random.RandomGenerator;

import org.osgi.annotation.versioning.ProviderType;

/** What the VM offers a pageout policy for one pool. */
@ProviderType
public interface PageoutHost {

    /** The pool's capacity in pages: the process's RSS limit, or the machine's physical pages. */
    long capacity();

    /** Pages resident in the pool now. */
    long resident();

    /**
     * {@code pmap_ts_referenced}: whether any mapping of the page was accessed since the last call (the accessed
     * bits), clearing them. Costs a PTE access per mapping on the calling CPU.
     */
    boolean testAndClearReferenced(ResidentPage page);

    /** Whether the pool's process declared its future (a trace replay), so {@link #nextUse} answers. */
    boolean knowsFuture();

    /**
     * The number of the next reference to {@code page} after the current one in the replay, or
     * {@link Long#MAX_VALUE} if it is never referenced again.
     *
     * @throws IllegalStateException when {@link #knowsFuture()} is false
     */
    long nextUse(ResidentPage page);

    /** The policy's own seeded random stream ({@code vm.pageout.<name>}). */
    RandomGenerator random();

    /** Virtual time in nanoseconds. */
    long now();
}
