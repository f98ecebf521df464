package org.odonata.command;

/**
 * A command stopped early at the user's request (Ctrl-C, SIGTERM) after keeping what it had done; the message
 * says how far it got and where that is. Thrown rather than returned so that loops ({@code each}) and batch
 * scripts stop too.
 */
public final class CommandInterrupted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandInterrupted(String message) {
        super(message);
    }
}
