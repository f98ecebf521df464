package org.odonata.shell;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.odonata.command.CommandInterrupted;
import org.odonata.command.PlainMessage;

/**
 * The one line the shell prints for a failed statement, at the prompt and on batch stderr: the command's own
 * message, or a plain translation of what the JDK or Gogo threw — never a stack trace or an exception's class.
 */
final class ErrorLine {

    /** {@code java.net.MalformedURLException: no protocol: …}: an exception's toString, as some commands return. */
    private static final Pattern EXCEPTION_TEXT = Pattern.compile(
            "(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*(?:Exception|Error))(?:: (.*))?", Pattern.DOTALL);

    private ErrorLine() {
    }

    /**
     * A failure that a command reported as its result rather than by throwing — Gogo's {@code felix:update},
     * {@code felix:start} and others return the exception's text — so that it is printed, and counted, as one.
     */
    static Optional<String> failedResult(Object result, String statement) {
        if (!(result instanceof CharSequence text)) {
            return Optional.empty();
        }
        Matcher m = EXCEPTION_TEXT.matcher(text.toString().strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String command = statement.strip().split("\\s+", 2)[0];
        String message = m.group(2) == null ? m.group(1) : m.group(2);
        if (m.group(1).equals("MalformedURLException") && message.startsWith("no protocol: ")
                && command.matches("(felix:)?update")) {
            return Optional.of(command + ": the bundle was installed from inside the distribution ("
                    + message.substring("no protocol: ".length()) + "), so there is nowhere to update it from; "
                    + "give the new jar: " + command + " ID file:/path/to/new.jar");
        }
        if (m.group(1).equals("MalformedURLException") && message.startsWith("no protocol: ")
                && command.matches("(felix:)?start")) {
            // Gogo's start installs what is not a number as a URL
            return Optional.of(command + ": '" + message.substring("no protocol: ".length()) + "' is neither a "
                    + "bundle id nor a URL; start takes ids (lb -s NAME shows one) or the URL of a jar to install");
        }
        return Optional.of(command + ": " + message);
    }

    /** {@code error: …}, or {@code stopped: …} for a command the user interrupted. */
    static String prefixed(Throwable failure, String statement) {
        return (PlainMessage.unwrap(failure) instanceof CommandInterrupted ? "stopped: " : "error: ")
                + of(failure, statement);
    }

    static String of(Throwable failure, String statement) {
        Throwable t = PlainMessage.unwrap(failure);
        String m = t.getMessage();
        if (t instanceof IllegalArgumentException && m != null && m.startsWith("Cannot coerce ")) {
            // Gogo found no method of the command that takes these arguments
            String command = statement.strip().split("\\s+", 2)[0];
            return command + ": these arguments do not fit the command; 'help " + command + "' shows its usage";
        }
        return PlainMessage.of(t);
    }
}
