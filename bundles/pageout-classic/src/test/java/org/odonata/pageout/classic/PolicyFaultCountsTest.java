package org.odonata.pageout.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.vm.AccessFuture;
import org.odonata.api.vm.VmSpace;
import org.odonata.vm.VmKernels;

/**
 * Each policy in a real kernel under RSS-limited local replacement gives exactly the fault count of an independent
 * simulation of the same algorithm over the same page references.
 */
class PolicyFaultCountsTest {

    static final long PAGE = 4096;
    static final int FRAMES = 12;

    /** A reference string with locality: a hot set, a warm set and a cold tail. */
    static long[] refs(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] refs = new long[n];
        for (int i = 0; i < n; i++) {
            int d = r.nextInt(10);
            refs[i] = d < 6 ? r.nextInt(8) : d < 9 ? 8 + r.nextInt(16) : 24 + r.nextInt(40);
        }
        return refs;
    }

    /** Runs the references in one process limited to {@code frames} pages; returns the faults it took. */
    static long run(PageoutPolicyFactory policy, long[] refs, int frames) {
        // a policy that needs the future cannot run the machine's pool: boot with lru, then ask for it
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, policy.needsFuture() ? new Factories.Lru() : policy)) {
            k.vm().swapPolicy(policy);
            AtomicLong faults = new AtomicLong(-1);
            AtomicLong pos = new AtomicLong();
            AccessFuture future = futureOf(refs, pos);
            k.spawn("replay", sys -> {
                long a = sys.mmap(0, 64 * PAGE, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                        VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                sys.declareFuture(future);
                sys.setrlimit(VmSpace.RLIMIT_RSS, frames * PAGE);
                long f = 0;
                for (int i = 0; i < refs.length; i++) {
                    pos.set(i);
                    f += sys.touch(a + refs[i] * PAGE, 8, (i & 7) == 0);
                }
                faults.set(f);
            });
            k.runFor(10_000_000_000L);
            assertTrue(k.faults().isEmpty(), k.faults().toString());
            return faults.get();
        }
    }

    /** The future of {@code refs} as of the reference {@code pos} holds: positions per page, binary-searched. */
    static AccessFuture futureOf(long[] refs, AtomicLong pos) {
        Map<Long, List<Integer>> at = new HashMap<>();
        for (int i = 0; i < refs.length; i++) {
            at.computeIfAbsent(refs[i], x -> new ArrayList<>()).add(i);
        }
        Map<Long, int[]> positions = new HashMap<>();
        at.forEach((p, l) -> positions.put(p, l.stream().mapToInt(Integer::intValue).toArray()));
        return vpn -> {
            int[] ps = positions.get(vpn - MMAP_BASE_VPN);
            if (ps == null) {
                return Long.MAX_VALUE;
            }
            int i = Arrays.binarySearch(ps, (int) pos.get() + 1);
            i = i >= 0 ? i : -i - 1;
            return i < ps.length ? ps[i] : Long.MAX_VALUE;
        };
    }

    /** The replay's mapping starts at the VM's mmap base: its page numbers are offsets from there. */
    static final long MMAP_BASE_VPN = 0x0000_0008_0000_0000L >>> 12;

    @Test
    void fifoEvictsInAdmissionOrder() {
        long[] r = refs(1, 5000);
        ArrayDeque<Long> q = new ArrayDeque<>();
        long expected = 0;
        for (long p : r) {
            if (!q.contains(p)) {
                expected++;
                if (q.size() == FRAMES) {
                    q.removeFirst();
                }
                q.addLast(p);
            }
        }
        assertEquals(expected, run(new Factories.Fifo(), r, FRAMES));
    }

    @Test
    void lruIsExact() {
        long[] r = refs(2, 5000);
        LinkedHashMap<Long, Boolean> lru = new LinkedHashMap<>(16, 0.75f, true);
        long expected = 0;
        for (long p : r) {
            if (lru.get(p) == null) {
                expected++;
                if (lru.size() == FRAMES) {
                    lru.remove(lru.keySet().iterator().next());
                }
                lru.put(p, true);
            }
        }
        assertEquals(expected, run(new Factories.Lru(), r, FRAMES));
    }

    @Test
    void clockGivesASecondChanceToPagesReferencedSinceTheHandPassed() {
        long[] r = refs(3, 5000);
        List<long[]> ring = new ArrayList<>(); // {page, referenced}, head = hand
        long expected = 0;
        for (long p : r) {
            long[] hit = null;
            for (long[] e : ring) {
                if (e[0] == p) {
                    hit = e;
                }
            }
            if (hit != null) {
                hit[1] = 1;
                continue;
            }
            expected++;
            if (ring.size() == FRAMES) {
                while (ring.get(0)[1] == 1) {
                    long[] e = ring.remove(0);
                    e[1] = 0;
                    ring.add(e);
                }
                ring.remove(0);
            }
            ring.add(new long[] {p, 1});
        }
        assertEquals(expected, run(new Factories.Clock(), r, FRAMES));
    }

    @Test
    void optMatchesBeladyAndBeatsLru() {
        long[] r = refs(4, 3000);
        long expected = 0;
        List<Long> resident = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            if (resident.contains(r[i])) {
                continue;
            }
            expected++;
            if (resident.size() == FRAMES) {
                long victim = -1;
                int furthest = -1;
                for (long p : resident) {
                    int next = r.length;
                    for (int j = i + 1; j < r.length; j++) {
                        if (r[j] == p) {
                            next = j;
                            break;
                        }
                    }
                    if (next > furthest) {
                        furthest = next;
                        victim = p;
                    }
                }
                resident.remove(victim);
            }
            resident.add(r[i]);
        }
        long opt = run(new Factories.Opt(), r, FRAMES);
        assertEquals(expected, opt);
        assertTrue(opt < run(new Factories.Lru(), r, FRAMES), "OPT is a lower bound");
    }

    @Test
    void aLiveSwapHandsTheResidentSetOverWithoutFaults() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, new Factories.Fifo())) {
            AtomicLong after = new AtomicLong(-1);
            AtomicLong phase = new AtomicLong();
            k.spawn("swap", sys -> {
                long a = sys.mmap(0, 64 * PAGE, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                        VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                sys.setrlimit(VmSpace.RLIMIT_RSS, 16 * PAGE);
                sys.touch(a, 16 * PAGE, true);
                phase.set(1);
                sys.nanosleep(1_000_000);
                after.set(sys.touch(a, 16 * PAGE, false));
            });
            k.runFor(500_000);
            assertEquals(1, phase.get());
            SwapReport rep = k.vm().swapPolicy(new Factories.Lru());
            assertEquals("fifo", rep.from());
            assertEquals("lru", rep.to());
            assertTrue(rep.threadsMoved() >= 16, "the 16 pages were handed over: " + rep);
            k.runFor(10_000_000);
            assertEquals(0, after.get(), "no page was lost in the hand-over");
            assertEquals("lru", k.vm().policy());
        }
    }
}
