package org.odonata.replay.strace;

/** A trace line that is not what strace writes: the message is {@code file:line: what was expected}. */
public final class TraceFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    public TraceFormatException(String source, int line, String expected) {
        super(source + ":" + line + ": " + expected);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    /** The 1-based line number in the trace file. */
    public int line() {
        return line;
    }
}
