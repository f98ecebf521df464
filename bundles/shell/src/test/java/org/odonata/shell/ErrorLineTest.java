package org.odonata.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.odonata.command.CommandInterrupted;

/** The one line the shell prints for a failed statement (issue 15 §5, audit F12). */
class ErrorLineTest {

    @Test
    void gogosCoercionFailureBecomesAPointerToTheUsage() {
        assertEquals("felix:stop: these arguments do not fit the command; 'help felix:stop' shows its usage",
                ErrorLine.of(new IllegalArgumentException("Cannot coerce stop(String, String) to any of [(Bundle[])]"),
                        "felix:stop a b"));
    }

    @Test
    void anErrorThrownInsideACommandIsPlain() {
        assertTrue(ErrorLine.of(new InvocationTargetException(new OutOfMemoryError("Java heap space")), "kern:boot")
                .startsWith("the machine needs more memory than the JVM has (-Xmx"));
        assertEquals("the input is nested too deeply to process (the host stack overflowed)",
                ErrorLine.of(new InvocationTargetException(new StackOverflowError()), "x"));
    }

    @Test
    void anInterruptedCommandIsStoppedNotFailed() {
        assertEquals("stopped: kern:run interrupted at t=1s", ErrorLine.prefixed(
                new CommandInterrupted("kern:run interrupted at t=1s"), "kern:run"));
        assertEquals("error: nope", ErrorLine.prefixed(new IllegalArgumentException("nope"), "x"));
    }

    @Test
    void anExceptionReturnedAsTextIsAFailure() {
        assertEquals(Optional.of("felix:update: the bundle was installed from inside the distribution "
                + "(jar/sched-lwkt-1.0.0-SNAPSHOT.jar), so there is nowhere to update it from; give the new jar: "
                + "felix:update ID file:/path/to/new.jar"), ErrorLine.failedResult(
                "java.net.MalformedURLException: no protocol: jar/sched-lwkt-1.0.0-SNAPSHOT.jar", "felix:update 15"));
        assertEquals(Optional.of("start: 'org.odonata.sched.fifo' is neither a bundle id nor a URL; start takes ids "
                + "(lb -s NAME shows one) or the URL of a jar to install"), ErrorLine.failedResult(
                "java.net.MalformedURLException: no protocol: org.odonata.sched.fifo", "start org.odonata.sched.fifo"));
        assertEquals(Optional.of("start: Could not resolve module: x"), ErrorLine.failedResult(
                "org.osgi.framework.BundleException: Could not resolve module: x", "start 30"));
        assertEquals(Optional.empty(), ErrorLine.failedResult("booted kern0 on smp-4", "kern:boot"));
        assertEquals(Optional.empty(), ErrorLine.failedResult(42, "x"));
    }
}
