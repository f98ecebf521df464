package org.odonata.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class InterruptibleTest {

    @Test
    void onlyCommandsInsideAScopeAreAskedToStopAndNoThreadIsInterrupted() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean sawStop = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread command = new Thread(() -> {
            try (Interruptible scope = Interruptible.enter()) {
                inside.countDown();
                while (!Interruptible.stopping()) {
                    Thread.onSpinWait();
                }
                sawStop.set(true);
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        command.start();
        inside.await();
        assertTrue(Interruptible.anyRunning());
        assertFalse(Interruptible.stopping(), "the test's own thread is in no scope");
        assertEquals(1, Interruptible.interruptAll());
        command.join();
        assertTrue(sawStop.get());
        assertFalse(interrupted.get());
        assertFalse(Interruptible.anyRunning());
        assertEquals(0, Interruptible.interruptAll());
    }

    @Test
    void aNewScopeStartsFresh() {
        try (Interruptible first = Interruptible.enter()) {
            Interruptible.interruptAll();
            assertTrue(Interruptible.stopping());
        }
        try (Interruptible second = Interruptible.enter()) {
            assertFalse(Interruptible.stopping());
        }
    }
}
