package org.odonata.vm.page;

/** Which queue a page is on ({@code m->queue} without the colour). */
public enum PageQueue {
    /** Free: no identity, on a coloured free queue. */
    FREE,
    /** Clean, unmapped, still in its object: reclaimable without I/O ({@code PQ_CACHE}). */
    CACHE,
    /** Resident in a pool, ordered by its pageout policy (DragonFly's active and inactive queues, for dfly). */
    POOL,
    /** Wired: a page-table page; never paged out. */
    WIRED,
    /** Being evicted or allocated: on no queue. */
    NONE
}
