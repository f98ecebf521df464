package org.odonata.itest;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Access to the framework the tests run in, and a way to run a shell command and capture what it printed. */
final class Framework {

    private Framework() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Framework.class).getBundleContext();
    }

    /** Waits (bounded) for a service registered by DS, which may come up after the tester starts. */
    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T s = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        if (s == null) {
            throw new AssertionError("service " + type.getName() + " not registered within 10 s");
        }
        return s;
    }

    /** The installed bundle with this symbolic name. */
    static org.osgi.framework.Bundle bundle(String bsn) {
        for (org.osgi.framework.Bundle b : context().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + bsn + " is not installed");
    }

    /** Runs {@code command} in a new Gogo session; returns its printed output followed by its formatted result. */
    static String run(String command) throws Exception {
        CommandProcessor processor = service(CommandProcessor.class);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
