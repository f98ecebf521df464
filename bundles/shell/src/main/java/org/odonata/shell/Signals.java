package org.odonata.shell;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.odonata.command.Interruptible;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What Ctrl-C (SIGINT) and SIGTERM do to the shell: interrupt the running command — which stops at its next safe
 * point and keeps what it finished — instead of killing the JVM and every booted kernel with it. In the
 * interactive shell a second Ctrl-C within a second quits; in batch mode a signal ends the run once the command
 * has stopped, and a second signal quits at once. The status is 128 + the signal number: 130 for SIGINT, 143 for
 * SIGTERM.
 */
final class Signals {

    static final int SIGINT_STATUS = 130;
    static final int SIGTERM_STATUS = 143;
    private static final long AGAIN_NANOS = 1_000_000_000L;

    private final boolean batch;
    private final BooleanSupplier busy;
    private final PrintStream err;
    private final IntConsumer exit;
    private volatile int pending;
    private long last = Long.MIN_VALUE / 2;

    /**
     * @param busy whether a statement is running
     * @param exit ends the JVM with a status, at once
     */
    Signals(boolean batch, BooleanSupplier busy, PrintStream err, IntConsumer exit) {
        this.batch = batch;
        this.busy = busy;
        this.err = err;
        this.exit = exit;
    }

    /** Handles SIGINT, and SIGTERM in batch mode, for a shell of the given kind. */
    static Signals install(boolean batch, BooleanSupplier busy, PrintStream err, IntConsumer exit) {
        Signals s = new Signals(batch, busy, err, exit);
        handle("INT", () -> s.signal(SIGINT_STATUS, "Ctrl-C"));
        if (batch) {
            handle("TERM", () -> s.signal(SIGTERM_STATUS, "SIGTERM"));
        }
        return s;
    }

    /**
     * Ignores SIGINT from now on: called once the shell is leaving cleanly ({@code exit}, end of input), so that a
     * Ctrl-C arriving while the JVM shuts down cannot turn status 0 into 130.
     */
    static void ignoreInterrupts() {
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException reservedByTheJvm) {
            // -Xrs or a debugger owns the signal: nothing of ours to undo
        }
    }

    /** The exit status a signal asked for in batch mode, or 0 if none came. */
    int pending() {
        return pending;
    }

    synchronized void signal(int status, String what) {
        long now = System.nanoTime();
        boolean again = batch ? pending != 0 : now - last < AGAIN_NANOS;
        last = now;
        if (again) {
            err.println();
            err.println(what + " again: quitting now");
            exit.accept(status);
            return;
        }
        if (batch && busy.getAsBoolean()) {
            // also a command that has not reached its interruptible part yet stops as soon as it does
            pending = status;
            boolean stoppable = Interruptible.anyRunning();
            Interruptible.requestStop();
            err.println();
            err.println(what + ": stopping the command at its next safe point; what it finished is kept"
                    + (stoppable ? "" : " (if it cannot stop early, the run ends once it is done)"));
        } else if (Interruptible.interruptAll() > 0) {
            err.println();
            err.println(what + ": stopping the command at its next safe point; what it finished is kept (Ctrl-C "
                    + "again within a second quits the shell)");
        } else if (batch) {
            err.println();
            err.println(what + ": stopping");
            exit.accept(status);
        } else if (busy.getAsBoolean()) {
            err.println();
            err.println("(this command cannot be stopped early; Ctrl-C again within a second quits the shell)");
        } else {
            err.println();
            err.println("(no command to stop; Ctrl-C again within a second quits, as do 'exit' and Ctrl-D)");
        }
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), sig -> action.run());
        } catch (IllegalArgumentException reservedByTheJvm) {
            // -Xrs or a debugger owns the signal: keep the JVM's default behaviour
        }
    }
}
