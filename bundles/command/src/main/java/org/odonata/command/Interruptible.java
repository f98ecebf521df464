package org.odonata.command;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marks the running of a command that can stop early when the user asks (Ctrl-C in the shell, SIGTERM in batch
 * mode): the shell's signal handler interrupts the threads inside such a scope, and only those — Gogo's own
 * job interruption would abandon the command's thread before it had saved its work. A command polls
 * {@link Thread#interrupted()} at its safe points ({@link VirtualRun} does) and throws
 * {@link CommandInterrupted} once it has kept what it finished.
 * <pre>
 * try (Interruptible scope = Interruptible.enter()) {
 *     VirtualRun.Outcome o = new VirtualRun(kernel::runFor).advance(now, nanos, meter, "kern0");
 *     ...
 * }
 * </pre>
 * The set of such threads is process-wide, as signals are.
 */
public final class Interruptible implements AutoCloseable {

    private static final Set<Thread> RUNNING = ConcurrentHashMap.newKeySet();

    private final Thread thread;

    private Interruptible(Thread thread) {
        this.thread = thread;
    }

    /** The calling thread now runs an interruptible command, until {@link #close()}. */
    public static Interruptible enter() {
        Thread t = Thread.currentThread();
        RUNNING.add(t);
        return new Interruptible(t);
    }

    /** Interrupts every thread running an interruptible command; returns how many there were. */
    public static int interruptAll() {
        int n = 0;
        for (Thread t : RUNNING) {
            t.interrupt();
            n++;
        }
        return n;
    }

    /** Whether some thread is running an interruptible command now. */
    public static boolean anyRunning() {
        return !RUNNING.isEmpty();
    }

    @Override
    public void close() {
        RUNNING.remove(thread);
        // an interrupt that came after the command's last safe point must not hit the thread's next task
        if (thread == Thread.currentThread()) {
            Thread.interrupted();
        }
    }
}
