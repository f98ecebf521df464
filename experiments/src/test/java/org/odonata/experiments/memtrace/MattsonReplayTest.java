package org.odonata.experiments.memtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.vfs.RootFs;
import org.odonata.api.machine.MachineSpec;
import org.odonata.experiments.RealImplementations;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.workload.RunRecord;
import org.odonata.hw.x86.topology.Presets;

/**
 * Real programs' memory traces (valgrind lackey, committed in specs/traces) replayed by the kernel's VM: with
 * {@code lru} the fault count equals the LRU count Mattson's stack algorithm gives for that memory size, and with
 * {@code opt} Belady's count, both computed here independently of the VM. Every size from one page to the trace's
 * footprint on a prefix of each trace, and a spread of sizes on the whole of one.
 */
class MattsonReplayTest {

    static final Implementations IMPL = RealImplementations.all();
    static final int PREFIX = 12_000;

    static PageRefs trace(String name) {
        return LackeyReader.read(Path.of("specs/traces/" + name + ".lackey.gz"), 12);
    }

    static PageRefs prefix(PageRefs r, int n) {
        return new PageRefs(r.source(), r.pageShift(), r.refs(), Math.min(n, r.length()), n, r.widest(),
                r.widestLine());
    }

    /** Mattson's stack algorithm: one pass, the LRU fault count of every memory size at once. */
    static long[] mattsonLruFaults(PageRefs r, int maxFrames) {
        List<Long> stack = new ArrayList<>();
        long[] distanceCount = new long[maxFrames + 2];
        long cold = 0;
        for (int i = 0; i < r.length(); i++) {
            long p = r.page(i);
            int d = stack.indexOf(p);
            if (d < 0) {
                cold++;
            } else {
                distanceCount[Math.min(d + 1, maxFrames + 1)]++;
                stack.remove(d);
            }
            stack.add(0, p);
        }
        long[] faults = new long[maxFrames + 1];
        for (int c = 1; c <= maxFrames; c++) {
            long f = cold;
            for (int d = c + 1; d <= maxFrames + 1; d++) {
                f += distanceCount[d];
            }
            faults[c] = f;
        }
        return faults;
    }

    /** Belady's MIN with a max-heap of next uses (stale entries skipped). */
    static long beladyFaults(PageRefs r, int frames) {
        int n = r.length();
        int[] next = new int[n];
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = n - 1; i >= 0; i--) {
            Integer j = seen.put(r.page(i), i);
            next[i] = j == null ? Integer.MAX_VALUE : j;
        }
        Map<Long, Integer> resident = new HashMap<>();
        PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> Long.compare(b[0], a[0]));
        long faults = 0;
        for (int i = 0; i < n; i++) {
            long p = r.page(i);
            if (!resident.containsKey(p)) {
                faults++;
                if (resident.size() == frames) {
                    while (true) {
                        long[] top = heap.poll();
                        Integer cur = resident.get(top[1]);
                        if (cur != null && cur == top[0]) {
                            resident.remove(top[1]);
                            break;
                        }
                    }
                }
            }
            resident.put(p, next[i]);
            heap.add(new long[] {next[i], p});
        }
        return faults;
    }

    /** Replays in a real kernel on a 4-CPU machine with a swap disk; returns the faults it took. */
    static long replay(PageRefs r, int frames, String policy) {
        return replay(r, frames, policy, false);
    }

    /** As {@link #replay(PageRefs, int, String)}; {@code file}: the pages are a shared mapping of a tmpfs file. */
    static long replay(PageRefs r, int frames, String policy, boolean file) {
        var machine = IMPL.machines().create(new MachineSpec("replay", Presets.topology("smp-4"),
                CostModel.defaults(), List.of(new DiskSpec("swap0", DiskKind.NVME, 1L << 30, 4096, null, false)), 1,
                EngineKind.CONTINUATION));
        try (Kernel k = file ? IMPL.kernels().boot(machine, IMPL.scheduler("dfly"), IMPL.token("lwkt"),
                IMPL.pageout("lru"), RootFs.TMPFS) : IMPL.kernels().boot(machine, IMPL.scheduler("dfly"),
                IMPL.token("lwkt"), IMPL.pageout("lru"))) {
            k.vm().swapPolicy(IMPL.pageout(policy));
            RunRecord run = MemTrace.replay(k, r, frames, file);
            while (run.counters().get("done") == 0) {
                k.runFor(100_000_000L);
                assertTrue(k.faults().isEmpty(), k.faults().toString());
            }
            assertEquals(r.length(), run.counters().get("references"));
            if (file) {
                assertEquals(0, k.vm().stats().swapOuts(), "a file's pages are written back to the file, not to swap");
            }
            return run.counters().get("faults");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort", "ls", "awk"})
    void lruFaultsEqualMattsonsCountForEveryMemorySize(String name) {
        PageRefs r = prefix(trace(name), PREFIX);
        int footprint = r.distinctPages().length;
        long[] expected = mattsonLruFaults(r, footprint);
        for (int c = Math.max(1, r.widest()); c <= footprint; c++) {
            assertEquals(expected[c], replay(r, c, "lru"), name + " prefix, " + c + " pages");
        }
        assertEquals(footprint, expected[footprint], "with every page resident only cold misses remain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort", "ls", "awk"})
    void optFaultsEqualBeladysCount(String name) {
        PageRefs r = prefix(trace(name), PREFIX);
        int footprint = r.distinctPages().length;
        for (int c : new int[] {2, 4, 8, 16, 32, footprint / 2}) {
            long opt = replay(r, c, "opt");
            assertEquals(beladyFaults(r, c), opt, name + " prefix, " + c + " pages");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 24})
    void aFileBackedReplayTakesTheSameFaultsAsAnAnonymousOne(int frames) {
        PageRefs r = prefix(trace("sort"), PREFIX);
        assertEquals(mattsonLruFaults(r, frames)[frames], replay(r, frames, "lru", true), "sort, file, " + frames);
        assertEquals(beladyFaults(r, frames), replay(r, frames, "opt", true), "sort, file, opt, " + frames);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 24, 64})
    void aWholeTraceMatchesToo(int frames) {
        PageRefs r = trace("awk");
        assertEquals(mattsonLruFaults(r, frames)[frames], replay(r, frames, "lru"), "awk, " + frames + " pages");
    }
}
