package org.odonata.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.command.PlainMessage;

/**
 * A kernel the shell booted, confined to a host thread of its own: every operation (advancing time, a swap,
 * reading statistics) is a task on that thread, so operations always land between events — the safe points —
 * and a free-running kernel ({@code kern:go}) interleaves with commands in slices of virtual time.
 */
final class BootedKernel implements AutoCloseable {

    /** Virtual time a free-running kernel advances between two looks at its task queue. */
    static final long SLICE_NANOS = 10_000_000L;

    private final String name;
    private final Kernel kernel;
    private final Consumer<BootedKernel> onOutOfMemory;
    private final ExecutorService thread;
    private final BootedKernel host;
    private final List<WorkloadRun> workloads = new ArrayList<>();
    /** Fault lines recorded during a call, printed by the caller's session when the call returns. */
    private final Queue<String> unseenFaults = new ConcurrentLinkedQueue<>();
    private volatile boolean freeRunning;
    private volatile Throwable freeRunFailure;

    /**
     * @param onOutOfMemory told when the kernel ran out of heap in the middle of an event, which leaves it unusable
     */
    BootedKernel(String name, Kernel kernel, Consumer<BootedKernel> onOutOfMemory) {
        this.name = name;
        this.kernel = kernel;
        this.onOutOfMemory = onOutOfMemory;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "odonata-kernel-" + name);
            t.setDaemon(true);
            return t;
        });
        this.host = null;
    }

    /** A vkernel's guest: it shares its host's engine, so it runs on its host's thread. */
    BootedKernel(String name, Kernel guest, Consumer<BootedKernel> onOutOfMemory, BootedKernel host) {
        this.name = name;
        this.kernel = guest;
        this.onOutOfMemory = onOutOfMemory;
        this.thread = host.thread;
        this.host = host;
    }

    /** The kernel this one is a vkernel guest of, or null. */
    BootedKernel host() {
        return host;
    }

    String name() {
        return name;
    }

    /**
     * Runs {@code task} on the kernel's thread at the next safe point and waits for it; then prints, in the
     * caller's session, the faults it caused.
     */
    <T> T call(Callable<T> task) {
        return join(submit(task));
    }

    /** Starts {@code task} on the kernel's thread without waiting, so that two kernels advance side by side. */
    <T> Future<T> submit(Callable<T> task) {
        return thread.submit(task);
    }

    /** Waits for a task {@link #submit} started, as {@link #call} does. */
    <T> T join(Future<T> f) {
        try {
            T result = f.get();
            for (String line = unseenFaults.poll(); line != null; line = unseenFaults.poll()) {
                System.out.println(line);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for machine " + name, e);
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    /**
     * Advances the kernel by {@code nanos} on its thread and waits for it even when interrupted: a slice is short,
     * and the interrupt stays set for the caller's next safe point ({@link org.odonata.command.VirtualRun}).
     */
    void advance(long nanos) {
        Future<?> f = thread.submit(() -> kernel.runFor(nanos));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw failure(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RuntimeException failure(ExecutionException e) {
        Throwable cause = PlainMessage.unwrap(e);
        if (cause instanceof OutOfMemoryError || cause.getCause() instanceof OutOfMemoryError) {
            freeRunning = false;
            onOutOfMemory.accept(this);
            return new IllegalStateException(PlainMessage.outOfMemory() + "; " + name + " ran out in the middle "
                    + "of an event, so it was discarded", cause);
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException(PlainMessage.of(cause), cause);
    }

    Kernel kernel() {
        return kernel;
    }

    void addWorkload(WorkloadRun run) {
        synchronized (workloads) {
            workloads.add(run);
        }
    }

    List<WorkloadRun> workloads() {
        synchronized (workloads) {
            return List.copyOf(workloads);
        }
    }

    boolean freeRunning() {
        return freeRunning;
    }

    /**
     * A fault was recorded (on the kernel's thread): printed at once while the kernel runs free, or by the session
     * whose command caused it.
     */
    void faulted(String line) {
        if (freeRunning) {
            System.out.println(line);
        } else {
            unseenFaults.add(line);
        }
    }

    /** Why the free-running mode stopped by itself, if it did. */
    Throwable freeRunFailure() {
        return freeRunFailure;
    }

    void start() {
        if (!freeRunning) {
            freeRunning = true;
            freeRunFailure = null;
            thread.submit(this::slice);
        }
    }

    /** Stops a free-running kernel at the end of its current slice; returns once it has stopped. */
    void pause() {
        freeRunning = false;
        call(() -> null);
    }

    private void slice() {
        if (!freeRunning) {
            return;
        }
        try {
            kernel.runFor(SLICE_NANOS);
            thread.submit(this::slice);
        } catch (RuntimeException e) {
            freeRunning = false;
            freeRunFailure = e;
        } catch (OutOfMemoryError e) {
            freeRunning = false;
            freeRunFailure = new IllegalStateException(PlainMessage.outOfMemory(), e);
            onOutOfMemory.accept(this);
        }
    }

    /** Closes the kernel without waiting for its thread: used when the thread itself gives up on it. */
    void discard() {
        freeRunning = false;
        if (!thread.isShutdown()) {
            thread.submit(kernel::close);
        }
        if (host == null) {
            thread.shutdown();
        }
    }

    @Override
    public void close() {
        freeRunning = false;
        if (thread.isShutdown()) {
            return;
        }
        try {
            call(() -> {
                kernel.close();
                return null;
            });
        } finally {
            if (host == null) {
                thread.shutdown();
            }
        }
    }
}
