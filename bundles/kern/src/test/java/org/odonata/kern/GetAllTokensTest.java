package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.TraceSink;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.sync.TokenMode;

/**
 * {@code lwkt_getalltokens} ({@code sys/kern/lwkt_token.c}): a resuming thread reacquires its tokens in stack order,
 * or, once its {@code td_contended} exceeds {@code lwkt.spin_loops}, in token creation order
 * ({@code _lwkt_getalltokens_sorted}, the livelock breaker); every ref but the last gets one attempt
 * ({@code _lwkt_trytokref}) and the last spins ({@code _lwkt_trytokref_spin}); a failure releases what the pass took.
 */
class GetAllTokensTest {

    /** A thread id no simulated thread has: a hold the core's books do not know, made directly on the lock. */
    private static final long STRANGER = 1_000_000;
    private static final long BUDGET_NS = 50_000;

    /** What one {@code getAll} pass did, run by a thread holding vnode then vm (vm was created first). */
    private record Pass(boolean ok, List<String> granted, long took) {
    }

    /**
     * Boots a kernel and runs, inside a thread that holds {@code vnode_token} and then {@code vm_token}, one
     * {@code getAll} pass after {@code relAll} with {@code td_contended} set as given; {@code blocked}, when not
     * null, is held by a stranger during the pass.
     */
    private static Pass pass(int contended, String blocked) {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("lwkt.token_spin_budget_ns", BUDGET_NS);
            KernelThreads kt = k.kthreads();
            Pass[] out = new Pass[1];
            kt.create("resumer", 1, () -> kt.withToken("vnode", false, () -> kt.withToken("vm", false, () -> {
                Td td = k.curthread("test");
                k.tokens.relAll(td);
                TestTasTokens.Lock lock = blocked == null ? null : (TestTasTokens.Lock) k.tokens.lookup(blocked).lock;
                if (lock != null) {
                    assertTrue(lock.tryAcquire(0, STRANGER, TokenMode.EXCLUSIVE));
                }
                td.contended = contended;
                List<String> granted = new ArrayList<>();
                k.setTraceSink(new TraceSink() {
                    @Override
                    public void tokenAcquire(long time, int cpu, long tid, String token) {
                        granted.add(token);
                    }
                });
                long t0 = k.now();
                boolean ok = k.tokens.getAll(td.gd, td);
                long took = k.now() - t0;
                k.setTraceSink(null);
                out[0] = new Pass(ok, granted, took);
                if (lock != null) {
                    lock.release(0, STRANGER, TokenMode.EXCLUSIVE);
                    assertTrue(k.tokens.getAll(td.gd, td), "both free again");
                }
            })));
            k.runFor(Machines.ms(2));
            return out[0];
        }
    }

    @Test
    void tokensComeBackInStackOrderUntilTheThreadWasContendedMoreThanSpinLoopsTimes() {
        int spinLoops = 10;
        Pass stack = pass(spinLoops, null);
        assertTrue(stack.ok());
        assertEquals(List.of("vnode_token", "vm_token"), stack.granted(), "td_contended == lwkt.spin_loops: stack order");
        Pass sorted = pass(spinLoops + 1, null);
        assertTrue(sorted.ok());
        assertEquals(List.of("vm_token", "vnode_token"), sorted.granted(),
                "td_contended > lwkt.spin_loops: creation order (vm_token was created before vnode_token)");
    }

    @Test
    void onlyTheLastTokenOfThePassSpinsTheOthersGetOneTry() {
        // stack order: vm is last, so its holder costs the whole spin budget before the pass gives up
        Pass last = pass(0, "vm");
        assertFalse(last.ok());
        assertTrue(last.took() >= BUDGET_NS, "the last ref spins for lwkt.token_spin_budget_ns: " + last.took());
        // creation order: vm is first, one attempt and the pass gives up at once, vnode never tried
        Pass first = pass(11, "vm");
        assertFalse(first.ok());
        assertTrue(first.took() < BUDGET_NS / 10, "a ref that is not last gets a single try: " + first.took());
        assertEquals(List.of(), first.granted());
    }

    @Test
    void aFailedPassReleasesTheTokensItTook() {
        // stack order: vnode is taken, then vm fails; vnode must be free again, for anyone
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("lwkt.token_spin_budget_ns", BUDGET_NS);
            KernelThreads kt = k.kthreads();
            boolean[] seen = new boolean[2];
            kt.create("resumer", 1, () -> kt.withToken("vnode", false, () -> kt.withToken("vm", false, () -> {
                Td td = k.curthread("test");
                k.tokens.relAll(td);
                TestTasTokens.Lock vm = (TestTasTokens.Lock) k.tokens.lookup("vm").lock;
                vm.tryAcquire(0, STRANGER, TokenMode.EXCLUSIVE);
                long collisions = k.tokens.lookup("vm").stats.collisions;
                seen[0] = k.tokens.getAll(td.gd, td);
                // lwkt_getalltokens counts the collision on the token it could not get (++tok->t_collisions)
                assertEquals(collisions + 1, k.tokens.lookup("vm").stats.collisions);
                TestTasTokens.Lock vnode = (TestTasTokens.Lock) k.tokens.lookup("vnode").lock;
                seen[1] = vnode.exclOwner == -1 && k.tokens.lookup("vnode").holders.free();
                vm.release(0, STRANGER, TokenMode.EXCLUSIVE);
                assertTrue(k.tokens.getAll(td.gd, td));
            })));
            k.runFor(Machines.ms(2));
            assertFalse(seen[0]);
            assertTrue(seen[1], "vnode_token was released when vm_token could not be had");
        }
    }
}
