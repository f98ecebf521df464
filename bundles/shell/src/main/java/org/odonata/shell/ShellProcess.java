package org.odonata.shell;

import java.util.function.Function;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.Syscalls;

/**
 * Runs a command's work as a process on a booted kernel — the way a user's {@code ls} or {@code cat} would run —
 * and waits for it: a paused kernel is advanced in steps of {@value #STEP_NANOS} ns of virtual time until the
 * process exits; a free-running one is left to its slices. Virtual time passes, as it would for the real program.
 */
final class ShellProcess {

    static final long STEP_NANOS = 1_000_000L;
    /** A command that has not finished after this much virtual time is reported, not waited for. */
    static final long LIMIT_NANOS = 60_000_000_000L;

    private ShellProcess() {
    }

    /**
     * Spawns {@code name} running {@code body} on {@code k}'s kernel and returns what it returned; what the body
     * throws is thrown here, on the caller's thread, after the process has exited normally.
     *
     * @throws IllegalArgumentException when it has not finished within {@link #LIMIT_NANOS} of virtual time
     */
    static <T> T run(BootedKernel k, String name, Function<Syscalls, T> body) {
        Object[] result = new Object[1];
        RuntimeException[] failure = new RuntimeException[1];
        boolean[] done = new boolean[1];
        long start = k.call(() -> {
            k.kernel().spawn(name, sys -> {
                try {
                    result[0] = body.apply(sys);
                } catch (RuntimeException e) {
                    failure[0] = e;
                } finally {
                    done[0] = true;
                }
            });
            return k.kernel().now();
        });
        while (!k.call(() -> done[0])) {
            long now = k.call(() -> {
                if (!k.freeRunning()) {
                    k.kernel().runFor(STEP_NANOS);
                }
                return k.kernel().now();
            });
            if (now - start > LIMIT_NANOS) {
                throw new IllegalArgumentException(name + " did not finish within "
                        + VirtualDuration.format(LIMIT_NANOS) + " of virtual time");
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }
}
