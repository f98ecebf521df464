package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.kern.ThreadInfo;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.vfs.RootFs;

/**
 * What {@code sync:stats} reads (per token, then per class: acquisitions, collisions, spin cycles, hold and wait
 * times), and what a token hot-swap keeps: holders, waiters and the statistics gathered before it.
 */
class TokenStatsAndSwapTest {

    /** 10 µs at 3 GHz. */
    private static final long US_10 = 30_000;

    /** Test-and-set tokens with every lock changed by {@code wrap}. */
    static TokenAlgorithmFactory wrapped(String name, UnaryOperator<TokenLock> wrap) {
        return new TokenAlgorithmFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public TokenAlgorithm create() {
                TestTasTokens base = new TestTasTokens();
                return new TokenAlgorithm() {
                    @Override
                    public void init(SyncHost host) {
                        base.init(host);
                    }

                    @Override
                    public TokenLock newToken(String n) {
                        return wrap.apply(base.newToken(n));
                    }
                };
            }
        };
    }

    /** {@code lock} with a different {@code acquire} (the rest delegated). */
    interface Acquire {
        boolean acquire(TokenLock lock, boolean[] abandoned, int cpu, long owner, TokenMode mode, long budget);
    }

    static TokenLock withAcquire(TokenLock lock, Acquire acquire) {
        boolean[] abandoned = new boolean[1];
        return new ForwardingTokenLock(lock) {
            @Override
            public boolean acquire(int cpu, long owner, TokenMode mode, long budget) {
                return acquire.acquire(lock, abandoned, cpu, owner, mode, budget);
            }

            @Override
            public void abandon() {
                abandoned[0] = true;
                lock.abandon();
            }
        };
    }

    private static LockStats row(List<LockStats> all, String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + all));
    }

    @Test
    void anUncontendedHoldIsTimedAndWaitsForNothing() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            kt.create("holder", 1, () -> {
                kt.withToken("vm", false, () -> kt.compute(US_10));
                kt.withToken("inode 7", false, () -> kt.compute(2 * US_10));
            });
            k.runFor(Machines.ms(1));
            List<LockStats> all = k.lockStats();
            assertEquals(List.of("vm_token", k.tokens.lookup("inode 7").name, "global", "pool"),
                    all.stream().map(LockStats::name).toList(), "tokens nobody took are not listed; the classes last");
            LockStats vm = row(all, "vm_token");
            assertEquals(1, vm.acquisitions());
            assertEquals(0, vm.collisions());
            assertEquals(1, vm.holdTime().count());
            assertTrue(vm.holdTime().mean() >= 10_000 && vm.holdTime().mean() < 11_000, vm.toString());
            assertEquals(0, vm.waitTime().count(), "an acquisition that never waited records no wait: " + vm);
            LockStats pool = row(all, "pool");
            assertEquals(1, pool.acquisitions());
            assertTrue(pool.holdTime().mean() >= 20_000 && pool.holdTime().mean() < 21_000, pool.toString());
            assertEquals(0, pool.waitTime().count(), "taken 10 µs into the run, uncontended: " + pool);
            assertEquals(1, row(all, "global").acquisitions());
            assertEquals(1, row(all, "global").holdTime().count());
        }
    }

    /** Eight threads on four CPUs fighting over one global (2 µs holds) and one pool token (3.3 µs) with a 1 µs spin budget. */
    private static void contend(SimKernel k) {
        k.sysctl("lwkt.token_spin_budget_ns", 1_000);
        KernelThreads kt = k.kthreads();
        for (int i = 0; i < 8; i++) {
            String token = i % 2 == 0 ? "vm" : "inode 7";
            long hold = i % 2 == 0 ? US_10 / 5 : US_10 / 3;
            kt.create("c" + i, i % 4, () -> {
                while (true) {
                    kt.withToken(token, false, () -> kt.compute(hold));
                    kt.compute(US_10 / 10);
                }
            });
        }
    }

    @Test
    void eachClassRowAddsUpItsOwnTokensOnly() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            contend(k);
            k.runFor(Machines.ms(5));
            List<LockStats> all = k.lockStats();
            LockStats vm = row(all, "vm_token");
            LockStats inode = row(all, k.tokens.lookup("inode 7").name);
            LockStats global = row(all, "global");
            LockStats pool = row(all, "pool");
            for (LockStats s : List.of(vm, inode)) {
                assertTrue(s.collisions() > 0 && s.spinCycles() > 0 && s.waitTime().count() > 0, s.toString());
            }
            assertNotEquals(vm.spinCycles(), inode.spinCycles());
            assertEquals(List.of(vm.acquisitions(), vm.collisions(), vm.spinCycles()),
                    List.of(global.acquisitions(), global.collisions(), global.spinCycles()));
            assertEquals(List.of(inode.acquisitions(), inode.collisions(), inode.spinCycles()),
                    List.of(pool.acquisitions(), pool.collisions(), pool.spinCycles()));
            assertEquals(vm.waitTime().count(), global.waitTime().count());
            assertEquals(inode.holdTime().count(), pool.holdTime().count());
            assertEquals(vm.spinCycles() + inode.spinCycles(), k.tokens.spinCycles());
            assertEquals(vm.acquisitions() + inode.acquisitions(), k.stats().tokenAcquisitions());
            assertEquals(vm.collisions() + inode.collisions(), k.stats().tokenCollisions());
        }
    }

    /**
     * A swap keeps what {@code sync:stats} showed (the old locks' spin cycles are carried over) and re-registers the
     * holders in the new locks, so a holder mid-hold still excludes everyone after it; the report names both
     * implementations and the holds moved.
     */
    @Test
    void aSwapKeepsTheStatisticsAndAHolderStillExcludesAfterIt() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("lwkt.token_spin_budget_ns", 1_000);
            KernelThreads kt = k.kthreads();
            long[] held = new long[2];
            kt.create("long-holder", 1, () -> kt.withToken("vmspace", false, () -> {
                held[0] = k.now();
                kt.compute(300 * US_10);
                held[1] = k.now();
            }));
            long[] other = new long[1];
            kt.create("other", 2, () -> {
                kt.compute(50 * US_10);
                kt.withToken("vmspace", false, () -> other[0] = k.now());
            });
            k.runFor(Machines.ms(1));
            long spin = k.tokens.spinCycles();
            LockStats before = row(k.lockStats(), "vmspace_token");
            assertTrue(before.spinCycles() > 0 && before.collisions() > 0, "other spun for vmspace: " + before);
            assertEquals(1, heldTokrefs(k), "the long holder holds vmspace, other waits");
            long host0 = System.nanoTime();
            SwapReport r = k.swapTokens(TestTasTokens.factory("tas2"));
            long host = System.nanoTime() - host0;
            assertTrue(r.hostNanos() >= 0 && r.hostNanos() <= host, "the swap took " + r.hostNanos() + " ns of host time");
            assertEquals("sync", r.subsystem());
            assertEquals("tas", r.from());
            assertEquals("tas2", r.to());
            assertEquals(1, r.threadsMoved(), "the held tokref re-registered in the new lock");
            assertEquals(k.now(), r.virtualTime());
            assertEquals(spin, k.tokens.spinCycles(), "spin cycles of the replaced locks kept");
            assertEquals(before.spinCycles(), row(k.lockStats(), "vmspace_token").spinCycles());
            k.runFor(Machines.ms(3));
            assertTrue(held[1] > 0 && other[0] >= held[1], "other took vmspace at " + other[0]
                    + " ns, the holder released it at " + held[1]);
            assertTrue(row(k.lockStats(), "vmspace_token").spinCycles() > before.spinCycles(),
                    "the new lock's spins add to the old ones");
            k.checkConservation();
        }
    }

    private static int heldTokrefs(SimKernel k) {
        int n = 0;
        for (Td td : k.allThreads()) {
            for (int i = 0; i < td.toksStop; i++) {
                n += td.toks[i].held ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * A waiter spinning without limit in a lock that a swap replaces gives up on it ({@code abandon()}) and gets the
     * token from the new lock once its holder lets go.
     */
    @Test
    void aWaiterSpinningInAReplacedLockGetsTheTokenFromTheNewOne() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("lwkt.token_spin_budget_ns", -1);
            long[] at = waiterAcrossASwap(k, TestTasTokens.factory("tas2"));
            assertTrue(at[0] > 0 && at[1] >= at[0], "the waiter took vm at " + at[1] + ", released at " + at[0]);
            assertTrue(at[1] - at[0] < 100_000, "soon after: " + (at[1] - at[0]) + " ns");
            assertEquals(List.of(), k.faults());
        }
    }

    /**
     * A lock replaced while its waiter spun may still grant (a queue lock can hand over before it sees
     * {@code abandon()}): that grant is void, the token's new lock decides, so the waiter does not get the token
     * while its holder, re-registered in the new lock, still has it.
     */
    @Test
    void aGrantFromALockReplacedWhileItsWaiterSpunIsVoid() {
        TokenAlgorithmFactory hasty = wrapped("hasty", l -> withAcquire(l,
                (lock, abandoned, cpu, owner, mode, budget) -> lock.acquire(cpu, owner, mode, budget) || abandoned[0]));
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 1, EngineKind.CONTINUATION),
                TestFifoScheduler.factory("fifo"), hasty, Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            k.setFallback(null, TestTasTokens.factory("fallback"));
            k.sysctl("lwkt.token_spin_budget_ns", -1);
            long[] at = waiterAcrossASwap(k, TestTasTokens.factory("tas"));
            assertTrue(at[0] > 0 && at[1] >= at[0], "the waiter took vm at " + at[1] + ", released at " + at[0]);
            assertEquals(List.of(), k.faults(), "nothing was granted beside the holder");
            assertEquals("tas", k.tokens());
        }
    }

    /**
     * A holder keeps vm for 1 ms from t=0 while a waiter spins for it from 100 µs; the tokens are swapped at 300 µs.
     * Returns when the holder released vm and when the waiter got it.
     */
    private static long[] waiterAcrossASwap(SimKernel k, TokenAlgorithmFactory to) {
        KernelThreads kt = k.kthreads();
        long[] at = new long[2];
        kt.create("holder", 1, () -> kt.withToken("vm", false, () -> {
            kt.compute(100 * US_10);
            at[0] = k.now();
        }));
        kt.create("waiter", 2, () -> {
            kt.compute(10 * US_10);
            kt.withToken("vm", false, () -> at[1] = k.now());
        });
        k.runFor(300_000);
        k.swapTokens(to);
        k.runFor(Machines.ms(2));
        return at;
    }

    /** An implementation whose acquire throws is ejected for the fallback, and the acquisition retried there. */
    @Test
    void aTokenImplementationThatThrowsFromAcquireIsEjectedAndTheThreadStillGetsItsToken() {
        int[] calls = new int[1];
        TokenAlgorithmFactory faulty = wrapped("throws", l -> withAcquire(l, (lock, abandoned, cpu, owner, mode,
                budget) -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("boom");
            }
            return lock.acquire(cpu, owner, mode, budget);
        }));
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 1, EngineKind.CONTINUATION),
                TestFifoScheduler.factory("fifo"), faulty, Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            k.setFallback(null, TestTasTokens.factory("tas"));
            KernelThreads kt = k.kthreads();
            List<String> done = new ArrayList<>();
            kt.create("user", 1, () -> {
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    kt.withToken("vm", false, () -> done.add("hold " + n));
                }
            });
            k.runFor(Machines.ms(1));
            assertEquals(List.of("hold 0", "hold 1", "hold 2", "hold 3", "hold 4"), done);
            assertEquals("tas", k.tokens());
            assertEquals(1, k.faults().size(), k.faults().toString());
            assertTrue(k.faults().get(0).contains("acquire(vm_token) threw IllegalStateException: boom"),
                    k.faults().get(0));
            assertEquals(5, row(k.lockStats(), "vm_token").acquisitions());
            k.checkConservation();
        }
    }

    /**
     * With no fallback installed the implementation's exception ends the run, even if a retry would have worked, and
     * the fault log says why.
     */
    @Test
    void withoutAFallbackAThrowingAcquireFailsTheRunAndSaysSo() {
        int[] calls = new int[1];
        TokenAlgorithmFactory faulty = wrapped("throws", l -> withAcquire(l, (lock, abandoned, cpu, owner, mode,
                budget) -> {
            if (++calls[0] == 1) {
                throw new IllegalStateException("boom");
            }
            return lock.acquire(cpu, owner, mode, budget);
        }));
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 1, EngineKind.CONTINUATION),
                TestFifoScheduler.factory("fifo"), faulty, Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            KernelThreads kt = k.kthreads();
            kt.create("user", 1, () -> kt.withToken("vm", false, () -> { }));
            RuntimeException e = assertThrows(RuntimeException.class, () -> k.runFor(Machines.ms(1)));
            assertTrue(causes(e).contains("boom"), causes(e));
            assertEquals("throws", k.tokens());
            assertTrue(k.faults().stream().anyMatch(f -> f.contains("no fallback installed")), k.faults().toString());
        }
    }

    private static ThreadInfo waiter(SimKernel k, long tid) {
        return k.threads().stream().filter(t -> t.tid() == tid).findFirst().orElseThrow();
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append(" / ");
        }
        return sb.toString();
    }

    /**
     * A fault's dump lists who holds each token and who waits for one: the holder's token with its mode and owner,
     * and each refused waiter with what it waits for and how long ago it was last refused. The waiter shows the
     * token's name as its wait message meanwhile ({@code lwkt_gettoken}/{@code lwkt_getalltokens} set
     * {@code td_wmesg} to the token's description), and nothing once it has the token.
     */
    @Test
    void theDumpNamesEachHeldTokenAndEachRefusedWaiter() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("lwkt.token_spin_budget_ns", 1_000);
            KernelThreads kt = k.kthreads();
            long[] tids = new long[2];
            List<String> dump = new ArrayList<>();
            List<ThreadInfo> seen = new ArrayList<>();
            kt.create("holder", 1, () -> kt.withToken("vm", false, () -> kt.withToken("inode 7", true, () -> {
                tids[0] = kt.curthread();
                kt.compute(100 * US_10);
                dump.addAll(k.tokens.describeHeld("  "));
                seen.add(waiter(k, tids[1]));
            })));
            kt.create("waiter", 2, () -> {
                tids[1] = kt.curthread();
                kt.compute(10 * US_10);
                kt.withToken("vm", false, () -> seen.add(waiter(k, tids[1])));
            });
            k.runFor(Machines.ms(2));
            String pool = k.tokens.lookup("inode 7").name;
            assertEquals(3, dump.size(), dump.toString());
            assertEquals("  vm_token: exclusive td" + tids[0], dump.get(0));
            assertEquals("  " + pool + ": shared x1", dump.get(1));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("  td" + tids[1] + "\\(waiter\\)@cpu2 waits for "
                    + "vm_token \\(exclusive td" + tids[0] + "\\), last refused (\\d+\\.\\d{3})ms ago").matcher(dump.get(2));
            assertTrue(m.matches(), dump.get(2));
            assertTrue(Double.parseDouble(m.group(1)) < 0.1, "the waiter retries at every switch: " + dump.get(2));
            assertEquals(List.of(), k.tokens.describeHeld("  "), "nothing held or waited for afterwards");
            assertEquals(2, seen.size());
            assertEquals("vm_token", seen.get(0).wmesg(), "waiting: " + seen.get(0));
            assertEquals(List.of("vm_token"), seen.get(0).tokens());
            assertEquals("", seen.get(1).wmesg(), "holding: " + seen.get(1));
        }
    }

    /**
     * The decision log a fault's dump begins with ("last decisions") has each grant, with its mode when shared, and
     * each release, in the order they happened.
     */
    @Test
    void theDecisionLogRecordsGrantsWithTheirModeAndReleases() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long[] tid = new long[1];
            kt.create("user", 1, () -> {
                tid[0] = kt.curthread();
                kt.withToken("vm", false, () -> kt.withToken("inode 7", true, () -> kt.compute(US_10)));
            });
            k.runFor(Machines.ms(1));
            String pool = k.tokens.lookup("inode 7").name;
            String td = "td" + tid[0] + " on cpu1";
            List<String> tokenLines = k.faultLog.decisions.lines().stream()
                    .filter(l -> l.contains("_token") || l.contains("pool:"))
                    .map(l -> l.substring(l.indexOf("ms ") + 3)).toList();
            assertEquals(List.of("vm_token granted to " + td, pool + " (shared) granted to " + td,
                    pool + " released by " + td, "vm_token released by " + td), tokenLines);
        }
    }

    /** A replaced lock whose {@code abandon()} throws does not stop the swap; the fault log says which lock threw. */
    @Test
    void aReplacedLockThatThrowsFromAbandonIsRecordedAndTheSwapCompletes() {
        TokenAlgorithmFactory sloppy = wrapped("sloppy", l -> new ForwardingTokenLock(l) {
            @Override
            public long spinCycles() {
                throw new UnsupportedOperationException("no statistics");
            }

            @Override
            public void abandon() {
                throw new IllegalStateException("cannot abandon " + l.name());
            }
        });
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 1, EngineKind.CONTINUATION),
                TestFifoScheduler.factory("fifo"), sloppy, Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            KernelThreads kt = k.kthreads();
            kt.create("user", 1, () -> kt.withToken("vm", false, () -> kt.compute(US_10)));
            k.runFor(Machines.ms(1));
            SwapReport r = k.swapTokens(TestTasTokens.factory("tas"));
            assertEquals("tas", k.tokens());
            assertEquals("sloppy", r.from());
            assertTrue(k.faults().stream().anyMatch(f -> f.contains("abandon() of the replaced lock vm_token threw "
                    + "java.lang.IllegalStateException: cannot abandon vm_token")), k.faults().toString());
            assertEquals(0, k.tokens.spinCycles(), "a lock that cannot tell its spins counts none");
            kt.create("after", 2, () -> kt.withToken("vm", false, () -> kt.compute(US_10)));
            k.runFor(Machines.ms(1));
            assertEquals(2, row(k.lockStats(), "vm_token").acquisitions());
        }
    }
}
