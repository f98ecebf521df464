package org.odonata.replay.strace;

import java.util.List;

/**
 * One system call, joined across {@code <unfinished ...>} and {@code <... resumed>} when strace split it.
 *
 * @param line          the line it started on
 * @param endLine       the line it completed on (= {@code line} unless it was split)
 * @param pid           the process or thread that made it
 * @param name          the name as strace prints it ({@code openat}, {@code pread64}, {@code newfstatat})
 * @param args          the arguments as printed, split at the top-level commas
 * @param ret           what it returned, or null when the trace ends (or the process dies) before it returned
 * @param startNanos    its {@code -t}/{@code -tt}/{@code -ttt} timestamp in nanoseconds, or -1 without timestamps
 * @param durationNanos its {@code -T} duration in nanoseconds, or -1
 */
public record Syscall(int line, int endLine, int pid, String name, List<String> args, Ret ret, long startNanos,
        long durationNanos) implements TraceEvent {

    public Syscall {
        args = List.copyOf(args);
    }

    /** Whether the trace shows the call's result. */
    public boolean finished() {
        return ret != null;
    }

    /** The argument at {@code i}, or an error naming the call when the trace shows fewer. */
    public String arg(int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(name + " with at least " + (i + 1) + " arguments, not " + args.size());
        }
        return args.get(i);
    }
}
