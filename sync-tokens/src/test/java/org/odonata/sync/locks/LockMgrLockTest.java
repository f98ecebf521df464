package org.odonata.sync.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.SimThread;
import org.odonata.api.sync.LockMgr;
import org.odonata.api.sync.Sleeper;
import org.odonata.tck.sync.TokenRig;
import org.odonata.sync.tokens.LwktTokenFactory;

class LockMgrLockTest {

    private final TokenRig rig = new TokenRig(new LwktTokenFactory());

    /** tsleep/wakeup as the kernel gives them: park the current simulated thread; wake every sleeper on ident. */
    private final Sleeper sleeper = new Sleeper() {
        private final Map<Object, List<SimThread>> queues = new HashMap<>();

        @Override
        public void tsleep(Object ident, String wmesg) {
            SimThread self = rig.engine().current();
            queues.computeIfAbsent(ident, k -> new ArrayList<>()).add(self);
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
    private final List<String> order = new ArrayList<>();

    private void step(int cpu, long delay, String name, Runnable body) {
        rig.spawn(name, delay, () -> {
            body.run();
            order.add(name);
        });
    }

    @Test
    void aPendingExclusiveRequestHoldsOffNewSharedRequests() {
        step(0, 0, "reader1", () -> {
            lk.lockShared(0, 1);
            rig.work(0, 30_000);
            lk.release(0, 1);
        });
        step(1, 1_000, "writer", () -> {
            lk.lockExclusive(1, 2);
            rig.work(1, 3_000);
            lk.release(1, 2);
        });
        step(2, 2_000, "reader2", () -> {
            lk.lockShared(2, 3);
            lk.release(2, 3);
        });
        rig.runToCompletion();
        assertEquals(List.of("reader1", "writer", "reader2"), order);
        assertEquals(3, lk.stats().acquisitions());
        assertEquals(2, lk.stats().collisions());
    }

    @Test
    void anUpgradeIsGrantedByTheLastOtherSharerAheadOfAWaitingWriter() {
        step(0, 0, "upgrader", () -> {
            lk.lockShared(0, 1);
            rig.work(0, 2_000);
            lk.upgrade(0, 1);
            order.add("upgraded");
            lk.downgrade(0, 1);
            lk.release(0, 1);
        });
        step(1, 500, "sharer", () -> {
            lk.lockShared(1, 2);
            rig.work(1, 20_000);
            lk.release(1, 2);
        });
        step(2, 3_000, "writer", () -> {
            lk.lockExclusive(2, 3);
            lk.release(2, 3);
        });
        rig.runToCompletion();
        assertEquals(List.of("sharer", "upgraded", "upgrader", "writer"), order);
    }

    @Test
    void anExclusiveOwnerAskingForSharedRecursesOnItsExclusiveHold() {
        step(0, 0, "owner", () -> {
            lk.lockExclusive(0, 1);
            lk.lockShared(0, 1);
            lk.release(0, 1);
            rig.work(0, 10_000);
            lk.release(0, 1);
        });
        step(1, 1_000, "other", () -> {
            lk.lockShared(1, 2);
            lk.release(1, 2);
        });
        rig.runToCompletion();
        assertEquals(List.of("owner", "other"), order);
    }
}
