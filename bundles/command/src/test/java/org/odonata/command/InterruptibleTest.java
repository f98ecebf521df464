package org.odonata.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class InterruptibleTest {

    @Test
    void onlyThreadsInsideAScopeAreInterrupted() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch outside = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        Thread command = new Thread(() -> {
            try (Interruptible scope = Interruptible.enter()) {
                inside.countDown();
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                sawInterrupt.set(true);
            }
        });
        Thread bystander = new Thread(() -> {
            try {
                outside.await();
            } catch (InterruptedException e) {
                throw new AssertionError("a thread outside any scope was interrupted", e);
            }
        });
        bystander.start();
        command.start();
        inside.await();
        assertTrue(Interruptible.anyRunning());
        assertEquals(1, Interruptible.interruptAll());
        command.join();
        outside.countDown();
        bystander.join();
        assertTrue(sawInterrupt.get());
        assertFalse(Interruptible.anyRunning());
        assertEquals(0, Interruptible.interruptAll());
    }

    @Test
    void leavingTheScopeClearsALateInterrupt() {
        try (Interruptible scope = Interruptible.enter()) {
            Interruptible.interruptAll();
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
