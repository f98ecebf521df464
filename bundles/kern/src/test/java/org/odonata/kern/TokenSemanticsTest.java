package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.LockStats;

class TokenSemanticsTest {

    private static TestTasTokens.Lock lock(SimKernel k, String name) {
        return (TestTasTokens.Lock) k.tokens.lookup(name).lock;
    }

    /** Ten threads looping over a 6,000-cycle exclusive hold of the vm token for 50 ms; checks the exclusion. */
    private static long exclusiveHolders(SimKernel k) {
        int[] inside = new int[1];
        int[] most = new int[1];
        long[] holds = new long[1];
        for (int i = 0; i < 10; i++) {
            k.spawn("excl", sys -> {
                while (true) {
                    sys.withToken("vm", false, () -> {
                        most[0] = Math.max(most[0], ++inside[0]);
                        sys.computeInKernel(6_000);
                        inside[0]--;
                        holds[0]++;
                    });
                    sys.compute(3_000);
                }
            });
        }
        k.runFor(Machines.ms(50));
        assertEquals(1, most[0]);
        assertTrue(holds[0] > 1_000, "holds " + holds[0]);
        return holds[0];
    }

    @Test
    void exclusiveHoldersExcludeEachOtherWhileRunning() {
        try (SimKernel k = Machines.boot("laptop-4c8t", 3)) {
            // a model-only 1 µs budget (DragonFly's bounded spin outlasts these 2 µs holds): waiters give up
            k.sysctl("lwkt.token_spin_budget_ns", 1_000);
            long holds = exclusiveHolders(k);
            assertTrue(k.stats().tokenCollisions() > 0, "the 1 µs budget gives up: " + k.stats());
            LockStats vm = k.lockStats().stream().filter(s -> s.name().equals("vm_token")).findFirst().orElseThrow();
            assertTrue(vm.acquisitions() >= holds && vm.collisions() > 0, vm.toString());
            assertTrue(vm.holdTime().count() > 0 && vm.waitTime().count() > 0, vm.toString());
            LockStats global = k.lockStats().stream().filter(s -> s.name().equals("global")).findFirst()
                    .orElseThrow();
            assertEquals(vm.acquisitions(), global.acquisitions());
            k.checkConservation();
        }
    }

    @Test
    void anUnlimitedSpinBudgetNeverSwitchesAwayYetStillExcludes() {
        try (SimKernel k = Machines.boot("laptop-4c8t", 3)) {
            k.sysctl("lwkt.token_spin_budget_ns", -1);
            exclusiveHolders(k);
            assertEquals(0, k.stats().tokenCollisions(), "-1 spins until acquired");
            LockStats vm = k.lockStats().stream().filter(s -> s.name().equals("vm_token")).findFirst().orElseThrow();
            assertTrue(vm.waitTime().count() > 0, "spinning acquisitions wait too: " + vm);
        }
    }

    @Test
    void sharedHoldersCoexist() {
        try (SimKernel k = Machines.boot("smp-4", 3)) {
            int[] inside = new int[1];
            int[] most = new int[1];
            for (int i = 0; i < 4; i++) {
                k.spawn("shared", sys -> {
                    while (true) {
                        sys.withToken("some-object", true, () -> {
                            most[0] = Math.max(most[0], ++inside[0]);
                            sys.computeInKernel(30_000);
                            inside[0]--;
                        });
                    }
                });
            }
            k.runFor(Machines.ms(10));
            assertTrue(most[0] >= 3, "at most " + most[0] + " shared holders at once");
            assertEquals(0, k.stats().tokenCollisions());
        }
    }

    @Test
    void blockingReleasesEveryTokenAndResumingReacquiresThemAll() {
        try (SimKernel k = Machines.boot("smp-4", 3)) {
            List<String> events = new ArrayList<>();
            long[] sleeper = new long[1];
            k.spawn("sleeper", sys -> {
                sleeper[0] = sys.gettid();
                sys.withToken("vm", false, () -> sys.withToken("vnode", false, () -> {
                    sys.nanosleep(2_000_000);
                    events.add("resumed vm=" + lock(k, "vm").exclOwner + " vnode=" + lock(k, "vnode").exclOwner);
                }));
            });
            k.spawn("other", sys -> {
                sys.nanosleep(500_000);
                sys.withToken("vnode", false, () -> events.add("other took vnode at " + sys.now() / 1000 + "us"));
                sys.withToken("vm", false, () -> events.add("other took vm"));
            });
            k.runFor(Machines.ms(1));
            assertEquals(List.of("sleeper"), k.threads().stream().filter(t -> !t.tokens().isEmpty())
                    .map(t -> t.name()).toList());
            assertEquals(List.of("vm_token", "vnode_token"), k.threads().stream().filter(t -> t.pid() == 1)
                    .findFirst().orElseThrow().tokens());
            k.runFor(Machines.ms(5));
            assertEquals(3, events.size(), events.toString());
            assertTrue(events.get(0).startsWith("other took vnode at 5"), events.toString());
            assertEquals("other took vm", events.get(1));
            assertEquals("resumed vm=" + sleeper[0] + " vnode=" + sleeper[0], events.get(2));
            assertEquals(-1, lock(k, "vm").exclOwner);
        }
    }

    /** Eight processes taking vm and vmspace in opposite orders, a third of them sleeping while holding both. */
    private static long[] oppositeOrders(SimKernel k) {
        long[] ops = new long[8];
        for (int i = 0; i < ops.length; i++) {
            int me = i;
            String first = i % 2 == 0 ? "vm" : "vmspace";
            String second = i % 2 == 0 ? "vmspace" : "vm";
            k.spawn("order" + i, sys -> {
                while (true) {
                    sys.withToken(first, false, () -> {
                        sys.computeInKernel(2_000);
                        sys.withToken(second, false, () -> {
                            if (me % 3 == 0) {
                                sys.nanosleep(20_000);
                            } else {
                                sys.computeInKernel(4_000);
                            }
                        });
                    });
                    ops[me]++;
                    sys.compute(1_000);
                }
            });
        }
        return ops;
    }

    /** Short spins (a model-only 2 µs budget): everyone keeps going in every 50 ms. */
    @Test
    void oppositeOrdersWithBlockingNeverDeadlock() {
        try (SimKernel k = Machines.boot("laptop-4c8t", 11)) {
            k.sysctl("lwkt.token_spin_budget_ns", 2_000);
            long[] ops = oppositeOrders(k);
            k.runFor(Machines.ms(50));
            long[] half = ops.clone();
            k.runFor(Machines.ms(50));
            for (int i = 0; i < ops.length; i++) {
                assertTrue(ops[i] > half[i], "process " + i + " stopped making progress: " + ops[i]);
            }
            k.checkConservation();
        }
    }

    /**
     * DragonFly's bounded spin: a thread spins for its second token for up to ~750 µs while holding its first
     * ({@code _lwkt_trytokref_spin} inside {@code lwkt_gettoken}), so opposite orders cost whole spins until a switch
     * releases everything and sorted reacquisition ({@code _lwkt_getalltokens_sorted}) breaks the tie: slow, but
     * nobody deadlocks.
     */
    @Test
    void oppositeOrdersUnderDragonFlysBoundedSpinAreSlowButAllProgress() {
        try (SimKernel k = Machines.boot("laptop-4c8t", 11)) {
            long[] ops = oppositeOrders(k);
            k.runFor(Machines.ms(100));
            long total = java.util.Arrays.stream(ops).sum();
            k.runFor(Machines.ms(50));
            for (int i = 0; i < ops.length; i++) {
                assertTrue(ops[i] > 0, "process " + i + " never finished: " + java.util.Arrays.toString(ops));
            }
            assertTrue(java.util.Arrays.stream(ops).sum() > total, "the machine stopped: " + total);
            // eight CPUs for 150 ms are 3.6 G cycles: most of them go in spins
            assertTrue(k.tokens.spinCycles() > 2_000_000_000L, "spin cycles " + k.tokens.spinCycles());
            k.checkConservation();
        }
    }

    @Test
    void poolTokensAreKeyedByTheObjectName() {
        assertEquals(Tokens.poolIndex("inode 42"), Tokens.poolIndex("inode 42"));
        try (SimKernel k = Machines.boot("uniprocessor", 1)) {
            assertEquals(k.tokens.lookup("inode 42"), k.tokens.lookup("inode 42"));
            assertTrue(k.tokens.lookup("inode 42").name.startsWith("pool:"));
            assertEquals("mp_token", k.tokens.lookup("mp").name);
        }
    }
    /**
     * Golden values of the pool hash ({@code lwkt_token_pool_lookup} folds the key by two primes, 16381 and 16369,
     * XORed, masked to the pool): the object's name (FNV-1a, standing in for the pointer) decides which objects share a
     * pool token, so a changed hash changes every contention result for pool tokens.
     */
    @Test
    void thePoolHashIsPinned() {
        assertEquals(8472, Tokens.poolIndex("inode 42"));
        assertEquals(9439, Tokens.poolIndex("inode 43"));
        assertEquals(2632, Tokens.poolIndex("vnode:/etc/passwd"));
        assertEquals(4877, Tokens.poolIndex(""));
    }
}
