package org.odonata.vm.page;

/**
 * DragonFly's paging thresholds in pages, from the machine's page count ({@code vm_pageout.c}:
 * {@code vm_pageout_free_page_calc} and the start of {@code vm_pageout_thread}).
 *
 * @param pageCount      {@code v_page_count}
 * @param freeMin        {@code v_free_min}: 64 + (pages − 1024)/200
 * @param freeReserved   {@code v_free_reserved}: min/2 + 7; normal allocations stop below it
 * @param freeSevere     {@code v_free_severe}: min/2
 * @param pageoutFreeMin {@code v_pageout_free_min}: min/4 + 7; the pageout daemon's own allocations
 * @param freeTarget     {@code v_free_target}: 4·min + reserved (2·min + reserved below 6144 free pages)
 * @param cacheMin       {@code v_cache_min}: the free target (0 below 2048 free pages)
 * @param inactiveTarget {@code v_inactive_target}: free pages / 4
 */
public record Thresholds(long pageCount, long freeMin, long freeReserved, long freeSevere, long pageoutFreeMin,
        long freeTarget, long cacheMin, long inactiveTarget) {

    public static Thresholds of(long pageCount) {
        long min = pageCount > 1024 ? 64 + (pageCount - 1024) / 200 : 64;
        long reserved = min * 4 / 8 + 7;
        long target = pageCount > 6144 ? 4 * min + reserved : 2 * min + reserved;
        long cacheMin = pageCount > 2048 ? target : 0;
        return new Thresholds(pageCount, min, reserved, min * 4 / 8, min * 2 / 8 + 7, target, cacheMin,
                pageCount / 4);
    }

    /** {@code vm_paging_target()}: how many pages the daemon should make free or cached. */
    public long pagingTarget(long free, long cache) {
        return freeTarget + cacheMin - (free + cache);
    }

    /** {@code vm_paging_needed()}: free plus cache below the low-water mark. */
    public boolean pagingNeeded(long free, long cache) {
        return free + cache < freeReserved + cacheMin;
    }
}
