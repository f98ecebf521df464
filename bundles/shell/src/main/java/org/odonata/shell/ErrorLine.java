package org.odonata.shell;

import org.odonata.command.CommandInterrupted;
import org.odonata.command.PlainMessage;

/**
 * The one line the shell prints for a failed statement, at the prompt and on batch stderr: the command's own
 * message, or a plain translation of what the JDK or Gogo threw — never a stack trace or an exception's class.
 */
final class ErrorLine {

    private ErrorLine() {
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
