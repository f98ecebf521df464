package org.odonata.shell;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs a script or a command line non-interactively once the framework has started, then exits the JVM with a
 * real status: 0 if every statement succeeded, 1 at the first that failed (its line and error on stderr), 2 if
 * the script could not be read or parsed. Enabled by the framework properties {@code odonata.batch.file} or
 * {@code odonata.batch.command}, which the {@code ./odonata} launcher sets; otherwise it does nothing.
 */
@Component(immediate = true)
public final class BatchRunner implements FrameworkListener {

    static final int FAILED = 1;
    static final int UNREADABLE = 2;

    @Reference
    private CommandProcessor processor;

    private BundleContext context;
    private String source;
    private String script;
    private volatile boolean started;

    @Activate
    void activate(BundleContext ctx) {
        String file = ctx.getProperty("odonata.batch.file");
        String command = ctx.getProperty("odonata.batch.command");
        if (file == null && command == null) {
            return;
        }
        context = ctx;
        if (file != null) {
            source = file;
            try {
                script = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println(file + ": cannot read: " + e);
                exit(UNREADABLE);
                return;
            }
        } else {
            source = "-c";
            script = command;
        }
        ctx.addFrameworkListener(this);
        if (frameworkStarted()) {
            startOnce();
        }
    }

    @Deactivate
    void deactivate() {
        if (context != null) {
            context.removeFrameworkListener(this);
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED || frameworkStarted()) {
            startOnce();
        }
    }

    /**
     * Started means every installed bundle's start level has been reached: the bnd launcher raises the level
     * after the framework is ACTIVE, and Gogo's shell (with echo, each, grep) starts at the last level.
     */
    private boolean frameworkStarted() {
        Bundle system = context.getBundle(0);
        int highest = 1;
        for (Bundle b : context.getBundles()) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            if (level != null) {
                highest = Math.max(highest, level.getStartLevel());
            }
        }
        return system.getState() == Bundle.ACTIVE
                && system.adapt(FrameworkStartLevel.class).getStartLevel() >= highest;
    }

    private synchronized void startOnce() {
        if (!started) {
            started = true;
            Thread t = new Thread(() -> exit(run()), "odonata-batch");
            t.start();
        }
    }

    private int run() {
        List<ScriptStatements.Statement> statements;
        try {
            statements = ScriptStatements.split(script);
        } catch (IllegalArgumentException e) {
            System.err.println(source + ": " + e.getMessage());
            return UNREADABLE;
        }
        // the real descriptors: Gogo replaces System.out/err with per-session multiplexers
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in), out, err)) {
            for (ScriptStatements.Statement st : statements) {
                try {
                    Object result = session.execute(st.text());
                    if (result != null && !(result instanceof List<?> l && l.stream().allMatch(x -> x == null))) {
                        out.println(session.format(result, Converter.INSPECT));
                    }
                } catch (Exception e) {
                    out.flush();
                    err.println(source + ":" + st.line() + ": " + st.text());
                    err.println("error: " + message(e));
                    return FAILED;
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getName() : m;
    }

    private static void exit(int status) {
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }
}
