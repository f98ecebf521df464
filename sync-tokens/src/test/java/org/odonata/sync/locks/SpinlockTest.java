package org.odonata.sync.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.LockStats;
import org.odonata.tck.sync.TokenRig;
import org.odonata.sync.tokens.LwktTokenFactory;

class SpinlockTest {

    private final TokenRig rig = new TokenRig(new LwktTokenFactory());
    private final org.odonata.api.sync.Spinlock spin = new LockFactoryComponent().newSpinlock(rig, "vm_page");

    @Test
    void exclusiveHoldersAreMutuallyExclusiveAndCountCollisions() {
        int[] inside = new int[2];
        for (int i = 0; i < 16; i++) {
            int cpu = i * 4;
            rig.spawn("cpu" + cpu, i * 100L, () -> {
                for (int r = 0; r < 10; r++) {
                    spin.lock(cpu);
                    inside[0]++;
                    inside[1] = Math.max(inside[1], inside[0]);
                    rig.work(cpu, 500);
                    inside[0]--;
                    spin.unlock(cpu);
                    rig.work(cpu, 300);
                }
            });
        }
        rig.runToCompletion();
        assertEquals(1, inside[1]);
        LockStats stats = spin.stats();
        assertEquals(160, stats.acquisitions());
        assertTrue(stats.collisions() > 0 && stats.spinCycles() > 0, stats.toString());
        assertEquals(160, stats.holdTime().count());
        assertEquals(stats.collisions(), stats.waitTime().count());
    }

    @Test
    void sharedHoldersCoexistAndExcludeAnExclusiveHolder() {
        List<String> seen = new ArrayList<>();
        rig.spawn("readers", 0, () -> {
            spin.lockShared(0);
            spin.lockShared(1);
            seen.add("trylock " + spin.tryLock(2));
            spin.unlockShared(0);
            spin.unlockShared(1);
            seen.add("trylock after " + spin.tryLock(2));
            spin.unlock(2);
        });
        rig.runToCompletion();
        assertEquals(List.of("trylock false", "trylock after true"), seen);
    }

    @Test
    void aWaitingExclusiveRequestKeepsNewSharedHoldersOut() {
        List<String> order = new ArrayList<>();
        rig.spawn("reader", 0, () -> {
            spin.lockShared(0);
            rig.work(0, 30_000);
            order.add("first reader leaves");
            spin.unlockShared(0);
        });
        rig.spawn("writer", 1_000, () -> {
            spin.lock(32);
            order.add("writer in");
            rig.work(32, 3_000);
            order.add("writer leaves");
            spin.unlock(32);
        });
        rig.spawn("late reader", 2_000, () -> {
            spin.lockShared(40);
            order.add("late reader in");
            spin.unlockShared(40);
        });
        rig.runToCompletion();
        assertEquals(List.of("first reader leaves", "writer in", "writer leaves", "late reader in"), order);
    }

    @Test
    void tryLockFailsWhileHeldAndLeavesTheLockAsItWas() {
        rig.spawn("t", 0, () -> {
            spin.lock(3);
            assertFalse(spin.tryLock(4));
            spin.unlock(3);
            assertTrue(spin.tryLock(4));
            spin.unlock(4);
        });
        rig.runToCompletion();
        assertEquals(2, spin.stats().acquisitions());
    }
}
