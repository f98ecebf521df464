package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.vm.VmSpace;
import org.odonata.api.vm.VmStats;
import org.odonata.vm.page.Thresholds;

/** Memory pressure: the pageout daemon with DragonFly's thresholds, swap, and local replacement under RLIMIT_RSS. */
class PageoutTest {

    static final long PAGE = 4096;

    @Test
    void thresholdsFollowVmPageoutFreePageCalc() {
        Thresholds t = Thresholds.of(2048);
        assertEquals(64 + (2048 - 1024) / 200, t.freeMin());
        assertEquals(t.freeMin() * 4 / 8 + 7, t.freeReserved());
        assertEquals(2 * t.freeMin() + t.freeReserved(), t.freeTarget(), "below 6144 pages: 2·min + reserved");
        assertEquals(4 * Thresholds.of(1 << 20).freeMin() + Thresholds.of(1 << 20).freeReserved(),
                Thresholds.of(1 << 20).freeTarget());
        assertEquals(64, Thresholds.of(512).freeMin());
    }

    @Test
    void aProcessLargerThanMemoryRunsThroughTheDaemonAndSwap() {
        // 8 MiB: 2048 pages; the process writes 3000 pages, twice over
        try (Kernel k = VmKernels.boot("smp-4", 8L << 20, TestLru.factory())) {
            AtomicLong done = new AtomicLong();
            k.spawn("big", sys -> {
                long a = sys.mmap(0, 3000 * PAGE, FaultPathTest.RW, FaultPathTest.ANON, -1, 0);
                for (int pass = 0; pass < 2; pass++) {
                    sys.touch(a, 3000 * PAGE, true);
                }
                done.set(1);
            });
            k.runFor(2_000_000_000L);
            VmStats s = k.vm().stats();
            assertEquals(1, done.get(), "the process finished: " + k.faults());
            assertTrue(s.pagedaemonRuns() > 0, "the daemon ran");
            assertTrue(s.swapOuts() > 1000, "dirty pages went to swap: " + s);
            assertTrue(s.swapIns() > 1000, "and came back: " + s);
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }

    @Test
    void anRssLimitReplacesLocallyAndTheTestLruMatchesAnLruStack() {
        int limit = 10;
        long[] refs = new long[4000];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < refs.length; i++) {
            refs[i] = r.nextInt(4) == 0 ? r.nextInt(40) : r.nextInt(12);
        }
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            AtomicLong faults = new AtomicLong();
            k.spawn("limited", sys -> {
                long a = sys.mmap(0, 40 * PAGE, FaultPathTest.RW, FaultPathTest.ANON, -1, 0);
                assertEquals(0, sys.setrlimit(VmSpace.RLIMIT_RSS, limit * PAGE));
                long f = 0;
                for (int i = 0; i < refs.length; i++) {
                    f += sys.touch(a + refs[i] * PAGE, 8, i % 3 == 0);
                }
                faults.set(f);
            });
            k.runFor(5_000_000_000L);
            assertEquals(lruFaults(refs, limit), faults.get(), "faults = misses of an LRU of " + limit + " pages");
            assertTrue(k.vm().stats().swapOuts() > 0);
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }

    /** A plain LRU simulation (not Mattson's stack: the replay tests have that). */
    static long lruFaults(long[] refs, int frames) {
        ArrayDeque<Long> lru = new ArrayDeque<>();
        long faults = 0;
        for (long p : refs) {
            if (!lru.remove(p)) {
                faults++;
                if (lru.size() == frames) {
                    lru.removeFirst();
                }
            }
            lru.addLast(p);
        }
        return faults;
    }
}
