package org.odonata.shell;

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
        if (ctx.getBundle(0).getState() == Bundle.ACTIVE) {
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
        if (event.getType() == FrameworkEvent.STARTED) {
            startOnce();
        }
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
        PrintStream out = System.out;
        try (CommandSession session = processor.createSession(System.in, out, System.err)) {
            for (ScriptStatements.Statement st : statements) {
                try {
                    Object result = session.execute(st.text());
                    if (result != null) {
                        out.println(session.format(result, Converter.INSPECT));
                    }
                } catch (Exception e) {
                    out.flush();
                    System.err.println(source + ":" + st.line() + ": " + st.text());
                    System.err.println("error: " + message(e));
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
