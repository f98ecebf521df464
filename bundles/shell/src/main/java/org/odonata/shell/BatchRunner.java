package org.odonata.shell;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.odonata.command.PlainMessage;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs a script, a command line or an experiment non-interactively once the framework has started, then exits
 * the JVM with a real status: 0 if every statement succeeded, 1 at the first that failed (its line and error on
 * stderr), 2 if the script could not be read or parsed, 130 or 143 when SIGINT or SIGTERM stopped it (the
 * running command stops at its next safe point and keeps what it finished). Enabled by the framework properties
 * the {@code ./odonata} launcher sets; otherwise it does nothing:
 * <ul>
 * <li>{@code odonata.batch.file}: a Gogo script;</li>
 * <li>{@code odonata.batch.command}: a command line (Gogo code, by intent);</li>
 * <li>{@code odonata.batch.exp.0}, {@code .1}, …: {@code exp:run}'s arguments, the spec file first. They are
 * data: each is bound to a session variable and the command refers to the variables, so no file name or value
 * is ever read as Gogo code.</li>
 * </ul>
 * "Started" is the bnd launcher's own signal: it registers itself as a service with {@code launcher.ready=true}
 * once every run bundle has been started, so this component is only activated then. (The distribution has no
 * start levels: bnd's launcher would put a researcher's bundles above the framework's level.) It provides no
 * service.
 */
@Component(service = {}, immediate = true)
public final class BatchRunner {

    static final int FAILED = 1;
    static final int UNREADABLE = 2;
    static final String EXP_ARG = "odonata.batch.exp.";

    @Reference
    private CommandProcessor processor;

    @Reference(service = Object.class, target = "(launcher.ready=true)")
    private Object launcherReady;

    private String source;
    private String script;
    private final List<String> expArgs = new ArrayList<>();
    private volatile boolean busy;

    @Activate
    void activate(BundleContext ctx) {
        String file = ctx.getProperty("odonata.batch.file");
        String command = ctx.getProperty("odonata.batch.command");
        for (int i = 0; ctx.getProperty(EXP_ARG + i) != null; i++) {
            expArgs.add(ctx.getProperty(EXP_ARG + i));
        }
        if (file == null && command == null && expArgs.isEmpty()) {
            return;
        }
        if (file != null) {
            source = file;
            try {
                script = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println(file + ": cannot read: " + PlainMessage.of(e));
                exit(UNREADABLE);
                return;
            }
        } else if (command != null) {
            source = "-c";
            script = command;
        } else {
            source = expArgs.get(0);
        }
        // SCR activates components on the thread that registered the service: never block the launcher
        new Thread(() -> exit(run()), "odonata-batch").start();
    }

    private int run() {
        // the real descriptors: Gogo replaces System.out/err with per-session multiplexers
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Signals signals = Signals.install(true, () -> busy, err, BatchRunner::exit);
        List<ScriptStatements.Statement> statements;
        try (CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in), out, err)) {
            if (expArgs.isEmpty()) {
                try {
                    statements = ScriptStatements.split(script);
                } catch (IllegalArgumentException e) {
                    err.println(source + ": " + e.getMessage());
                    return UNREADABLE;
                }
            } else {
                statements = List.of(new ScriptStatements.Statement(1, expRun(session)));
            }
            for (ScriptStatements.Statement st : statements) {
                busy = true;
                try {
                    Object result = session.execute(st.text());
                    Optional<String> failed = ErrorLine.failedResult(result, st.text());
                    if (failed.isPresent()) {
                        err.println(source + ":" + st.line() + ": " + shown(st.text()));
                        err.println("error: " + failed.get());
                        return FAILED;
                    }
                    if (result != null && !(result instanceof List<?> l && l.stream().allMatch(x -> x == null))) {
                        out.println(session.format(result, Converter.INSPECT));
                    }
                } catch (Exception e) {
                    out.flush();
                    err.println(source + ":" + st.line() + ": " + shown(st.text()));
                    err.println(ErrorLine.prefixed(e, st.text()));
                    return signals.pending() != 0 ? signals.pending() : FAILED;
                } finally {
                    busy = false;
                }
                if (signals.pending() != 0) {
                    err.println(source + ":" + st.line() + ": stopped by a signal after this statement");
                    return signals.pending();
                }
            }
        }
        out.flush();
        return 0;
    }

    /** {@code exp:run "$odonata_exp_0" "$odonata_exp_1" …}, the arguments bound to those variables. */
    private String expRun(CommandSession session) {
        StringBuilder command = new StringBuilder("exp:run");
        for (int i = 0; i < expArgs.size(); i++) {
            session.put("odonata_exp_" + i, expArgs.get(i));
            command.append(" \"$odonata_exp_").append(i).append('"');
        }
        return command.toString();
    }

    /** The statement as the user would have typed it: the experiment's arguments in place of the variables. */
    private String shown(String statement) {
        if (expArgs.isEmpty()) {
            return statement;
        }
        StringBuilder b = new StringBuilder("exp:run");
        expArgs.forEach(a -> b.append(' ').append(a.matches("[A-Za-z0-9_./=:,+-]+") ? a
                : "'" + a.replace("'", "'\\''") + "'"));
        return b.toString();
    }

    private static void exit(int status) {
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }
}
