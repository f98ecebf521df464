package org.odonata.shell;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The interactive shell behind {@code ./odonata} (framework property {@code odonata.interactive=true}): reads a
 * statement at the {@code g!} prompt (more lines while a quote, closure or block is open), runs it in one Gogo
 * session, prints its result, and prints a failure as one plain line ({@code error: …}) — never a stack trace or
 * an exception's class; {@code $exception} holds the last failure for a closer look. Ctrl-C stops the running
 * command at its next safe point without leaving the shell (see {@link Signals}); {@code exit} or Ctrl-D
 * leaves (exit status 0). It replaces Gogo's own console, which offers none of that.
 */
@Component(service = {}, immediate = true)
public final class InteractiveConsole {

    private static final String PROMPT = "g! ";

    @Reference
    private CommandProcessor processor;

    /** The bnd launcher's service, registered once every run bundle has started (see {@link BatchRunner}). */
    @Reference(service = Object.class, target = "(launcher.ready=true)")
    private Object launcherReady;

    private volatile boolean busy;

    @Activate
    void activate(BundleContext ctx) {
        if (Boolean.parseBoolean(ctx.getProperty("odonata.interactive"))) {
            // SCR activates components on the thread that registered the service: never block the launcher
            new Thread(this::run, "odonata-console").start();
        }
    }

    private void run() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Signals.install(false, () -> busy, err, InteractiveConsole::exit);
        BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in),
                StandardCharsets.UTF_8));
        try (CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in), out, err)) {
            while (true) {
                String statement = read(in, out);
                if (statement == null || statement.strip().equals("exit")) {
                    break;
                }
                if (statement.isBlank()) {
                    continue;
                }
                busy = true;
                try {
                    Object result = session.execute(statement);
                    session.put("_", result);
                    Optional<String> failed = ErrorLine.failedResult(result, statement);
                    if (failed.isPresent()) {
                        err.println("error: " + failed.get());
                    } else if (result != null) {
                        out.println(session.format(result, Converter.INSPECT));
                    }
                } catch (Exception e) {
                    session.put("exception", e);
                    out.flush();
                    err.println(ErrorLine.prefixed(e, statement));
                } finally {
                    busy = false;
                }
            }
        } catch (IOException e) {
            err.println("cannot read the terminal: " + e.getMessage());
        }
        Signals.ignoreInterrupts();
        out.println();
        exit(0);
    }

    /** One statement: a line, and more lines while it is incomplete (an open quote, closure or block). */
    private static String read(BufferedReader in, PrintStream out) throws IOException {
        out.print(PROMPT);
        out.flush();
        StringBuilder statement = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return statement.isEmpty() ? null : statement.toString();
            }
            statement.append(line);
            if (!ScriptStatements.incomplete(statement.toString())) {
                return statement.toString();
            }
            statement.append('\n');
            out.print("> ");
            out.flush();
        }
    }

    private static void exit(int status) {
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }
}
