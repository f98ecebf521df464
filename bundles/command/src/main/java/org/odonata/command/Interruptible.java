package org.odonata.command;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marks the running of a command that can stop early when the user asks (Ctrl-C in the shell, SIGTERM in batch
 * mode). The shell's signal handler raises a flag in every such scope; the command polls {@link #stopping()} at
 * its safe points ({@link VirtualRun} does) and throws {@link CommandInterrupted} once it has kept what it
 * finished. A flag rather than {@link Thread#interrupt()}: an interrupt that lands while the command writes to
 * the shell closes Gogo's output channel, and the shell's output with it.
 * <pre>
 * try (Interruptible scope = Interruptible.enter()) {
 *     VirtualRun.Outcome o = new VirtualRun(kernel::runFor).advance(now, nanos, meter, "kern0");
 *     ...
 * }
 * </pre>
 * The set of scopes is process-wide, as signals are.
 */
public final class Interruptible implements AutoCloseable {

    private static final Map<Thread, Interruptible> RUNNING = new ConcurrentHashMap<>();
    private static volatile boolean stopRequested;

    private final Thread thread;
    private volatile boolean stop;

    private Interruptible(Thread thread) {
        this.thread = thread;
    }

    /**
     * The calling thread now runs an interruptible command, until {@link #close()}; after {@link #requestStop()}
     * it starts stopping, so that it stops at its first safe point.
     */
    public static Interruptible enter() {
        Interruptible scope = new Interruptible(Thread.currentThread());
        scope.stop = stopRequested;
        RUNNING.put(scope.thread, scope);
        return scope;
    }

    /**
     * Whether the command on the calling thread should stop at this safe point: the user asked, or (for a thread
     * outside any scope, such as a pool thread running one trial) the thread was interrupted.
     */
    public static boolean stopping() {
        Thread t = Thread.currentThread();
        Interruptible scope = RUNNING.get(t);
        return scope != null && scope.stop || t.isInterrupted();
    }

    /** Asks every interruptible command to stop; returns how many there were. */
    public static int interruptAll() {
        int n = 0;
        for (Interruptible scope : RUNNING.values()) {
            scope.stop = true;
            n++;
        }
        return n;
    }

    /**
     * Asks every interruptible command to stop, now and from now on: for a batch run being stopped by a signal,
     * where a command that has not reached its interruptible part yet must stop as soon as it does.
     */
    public static void requestStop() {
        stopRequested = true;
        interruptAll();
    }

    /** Whether some thread is running an interruptible command now. */
    public static boolean anyRunning() {
        return !RUNNING.isEmpty();
    }

    @Override
    public void close() {
        RUNNING.remove(thread, this);
    }
}
