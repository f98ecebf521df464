package org.odonata.sync.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.SimThread;
import org.odonata.api.sync.Distribution;
import org.odonata.api.sync.LockMgr;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.Sleeper;
import org.odonata.api.sync.Spinlock;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.tck.sync.TokenRig;

/**
 * The numbers a researcher reads from {@code sync:stats}: hold times (an exclusive hold, or a period with at least one
 * sharer), wait times of contended acquisitions and the cycles spent spinning. The rig's CPUs run at 3 GHz, so
 * 30,000 cycles of work are 10 µs; each bound leaves room for the cost of the lock operations themselves.
 */
class LockStatisticsTest {

    private static final long US_10 = 30_000;

    private final TokenRig rig = new TokenRig(new LwktTokenFactory());

    private final Sleeper sleeper = new Sleeper() {
        private final Map<Object, List<SimThread>> queues = new HashMap<>();

        @Override
        public void tsleep(Object ident, String wmesg) {
            queues.computeIfAbsent(ident, k -> new ArrayList<>()).add(rig.engine().current());
            rig.engine().park();
        }

        @Override
        public void wakeup(Object ident) {
            List<SimThread> woken = queues.remove(ident);
            if (woken != null) {
                woken.forEach(SimThread::unpark);
            }
        }
    };

    private final LockMgr lk = new LockFactoryComponent().newLockMgr(rig, "vnode", sleeper);
    private final Spinlock spin = new LockFactoryComponent().newSpinlock(rig, "vm_page");

    private static void within(long low, long high, double value, String what) {
        assertTrue(value >= low && value <= high, what + " " + value + " not in [" + low + ", " + high + "]");
    }

    @Test
    void lockmgrHoldsAreExclusiveHoldsAndPeriodsWithSharers() {
        rig.spawn("writer", 0, () -> {
            lk.lockExclusive(0, 1);
            rig.work(0, US_10);
            lk.release(0, 1);
        });
        // two sharers overlap from 26 to 30 µs: one shared period from 20 to 36 µs
        rig.spawn("reader a", 20_000, () -> {
            lk.lockShared(1, 2);
            rig.work(1, US_10);
            lk.release(1, 2);
        });
        rig.spawn("reader b", 26_000, () -> {
            lk.lockShared(2, 3);
            rig.work(2, US_10);
            lk.release(2, 3);
        });
        rig.runToCompletion();
        LockStats s = lk.stats();
        assertEquals(3, s.acquisitions());
        assertEquals(0, s.collisions());
        assertEquals(0, s.waitTime().count());
        Distribution hold = s.holdTime();
        assertEquals(2, hold.count(), hold.toString());
        within(16_000, 16_600, hold.max(), "longest hold");
        within(13_000, 13_600, hold.mean(), "mean hold");
    }

    @Test
    void lockmgrUpgradeAndDowngradeEndOneHoldAndStartTheNext() {
        rig.spawn("owner", 0, () -> {
            lk.lockShared(0, 1);
            rig.work(0, US_10 / 2);
            lk.upgrade(0, 1);
            rig.work(0, US_10 / 2);
            lk.downgrade(0, 1);
            rig.work(0, US_10 / 2);
            lk.release(0, 1);
        });
        rig.runToCompletion();
        Distribution hold = lk.stats().holdTime();
        // shared, exclusive, shared: about 5 µs each
        assertEquals(3, hold.count(), hold.toString());
        within(5_000, 5_600, hold.max(), "longest hold");
        within(5_000, 5_600, hold.mean(), "mean hold");
        assertEquals(2, lk.stats().acquisitions());
    }

    @Test
    void lockmgrWaitTimeIsTheTimeAContendedRequestWaited() {
        rig.spawn("writer", 0, () -> {
            lk.lockExclusive(0, 1);
            rig.work(0, US_10);
            lk.release(0, 1);
        });
        rig.spawn("reader", 2_000, () -> {
            lk.lockShared(1, 2);
            lk.release(1, 2);
        });
        rig.runToCompletion();
        LockStats s = lk.stats();
        assertEquals(1, s.collisions());
        assertEquals(1, s.waitTime().count());
        within(8_000, 8_600, s.waitTime().max(), "wait");
    }

    @Test
    void spinlockWaitTimeAndSpinCyclesOfAContendedExclusiveLock() {
        rig.spawn("holder", 0, () -> {
            spin.lock(0);
            rig.work(0, US_10);
            spin.unlock(0);
        });
        rig.spawn("waiter", 2_000, () -> {
            spin.lock(4);
            rig.work(4, US_10 / 10);
            spin.unlock(4);
        });
        rig.runToCompletion();
        LockStats s = spin.stats();
        assertEquals(2, s.acquisitions());
        assertEquals(1, s.collisions());
        Distribution wait = s.waitTime();
        assertEquals(1, wait.count());
        within(8_000, 9_500, wait.mean(), "wait");
        // the waiter spun the whole time it waited: 3 cycles a nanosecond
        assertEquals((long) (wait.mean() * 3), s.spinCycles());
        Distribution hold = s.holdTime();
        assertEquals(2, hold.count());
        within(10_000, 10_500, hold.max(), "longest hold");
        within(1_000, 1_500, hold.p50(), "shorter hold");
    }

    @Test
    void spinlockSharedHoldsAreCountedPerCpuAndNestedHoldsOnce() {
        rig.spawn("reader 0", 0, () -> {
            spin.lockShared(0);
            spin.lockShared(0);
            rig.work(0, US_10);
            spin.unlockShared(0);
            spin.unlockShared(0);
        });
        rig.spawn("reader 8", 2_000, () -> {
            spin.lockShared(8);
            rig.work(8, US_10 * 2);
            spin.unlockShared(8);
        });
        rig.runToCompletion();
        LockStats s = spin.stats();
        assertEquals(3, s.acquisitions());
        Distribution hold = s.holdTime();
        assertEquals(2, hold.count(), "one hold per CPU, the nested one inside it: " + hold);
        within(20_000, 20_600, hold.max(), "reader 8's hold");
        within(15_000, 15_600, hold.mean(), "mean hold");
    }

    @Test
    void aSharedRequestBehindAnExclusiveHolderWaitsAndIsCounted() {
        List<String> order = new ArrayList<>();
        rig.spawn("writer", 0, () -> {
            spin.lock(0);
            rig.work(0, US_10);
            order.add("writer leaves");
            spin.unlock(0);
        });
        rig.spawn("reader", 2_000, () -> {
            spin.lockShared(8);
            order.add("reader in");
            spin.unlockShared(8);
        });
        rig.runToCompletion();
        assertEquals(List.of("writer leaves", "reader in"), order);
        LockStats s = spin.stats();
        assertEquals(1, s.collisions());
        within(8_000, 9_500, s.waitTime().max(), "reader's wait");
        assertEquals((long) (s.waitTime().mean() * 3), s.spinCycles());
    }
}
