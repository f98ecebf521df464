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
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs a script or a command line non-interactively once the framework has started, then exits the JVM with a
 * real status: 0 if every statement succeeded, 1 at the first that failed (its line and error on stderr), 2 if
 * the script could not be read or parsed. Enabled by the framework properties {@code odonata.batch.file} or
 * {@code odonata.batch.command}, which the {@code ./odonata} launcher sets; otherwise it does nothing.
 * <p>
 * "Started" is the bnd launcher's own signal: it registers itself as a service with {@code launcher.ready=true}
 * once every run bundle has been started, so this component is only activated then. (The distribution has no
 * start levels: bnd's launcher would put a researcher's bundles above the framework's level.) It provides no
 * service.
 */
@Component(service = {}, immediate = true)
public final class BatchRunner {

    static final int FAILED = 1;
    static final int UNREADABLE = 2;

    @Reference
    private CommandProcessor processor;

    @Reference(service = Object.class, target = "(launcher.ready=true)")
    private Object launcherReady;

    private String source;
    private String script;

    @Activate
    void activate(BundleContext ctx) {
        String file = ctx.getProperty("odonata.batch.file");
        String command = ctx.getProperty("odonata.batch.command");
        if (file == null && command == null) {
            return;
        }
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
        // SCR activates components on the thread that registered the service: never block the launcher
        new Thread(() -> exit(run()), "odonata-batch").start();
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
