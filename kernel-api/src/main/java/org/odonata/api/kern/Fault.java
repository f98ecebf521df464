package org.odonata.api.kern;

import java.util.List;

/**
 * Something that went wrong in a kernel, with what it takes to find out why: an implementation ejected (it
 * threw, made an impossible decision, starved a runnable thread past the watchdog's timeout, broke mutual
 * exclusion, or left a waiter ungrantable), an inconsistent export, a crashed thread.
 *
 * @param time           virtual time, ns since boot
 * @param subsystem      {@code sched}, {@code sync} or {@code kern}
 * @param implementation the implementation at fault ({@code rrsteal}), or empty when none is
 * @param fallback       what replaced it ({@code dfly}), or empty when it was not ejected
 * @param reason         one line: what happened ({@code pickNext threw IllegalStateException: …})
 * @param stackTrace     the exception's stack trace, or empty when nothing threw
 * @param dump           the kernel's state at the time: the last decisions of the implementation, the run queues,
 *                       the token owners
 */
public record Fault(long time, String subsystem, String implementation, String fallback, String reason,
        String stackTrace, List<String> dump) {

    public Fault {
        dump = List.copyOf(dump);
    }

    /** Whether the implementation was replaced. */
    public boolean ejection() {
        return !fallback.isEmpty();
    }

    /**
     * One line, as the shell prints it when it happens:
     * {@code sched: 'rrsteal' ejected at 412.3ms: pickNext threw IllegalStateException: …; now 'dfly'}.
     */
    public String line() {
        String at = String.format(java.util.Locale.ROOT, "%.1fms", time / 1e6);
        if (ejection()) {
            return subsystem + ": '" + implementation + "' ejected at " + at + ": " + reason + "; now '" + fallback
                    + "'";
        }
        return subsystem + ": " + (implementation.isEmpty() ? "" : "'" + implementation + "' ") + "fault at " + at
                + ": " + reason;
    }
}
