package org.odonata.shell;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.SwapReport;

/** How the shell prints a swap: what was replaced, when in virtual time, what moved, what it cost the host. */
final class SwapText {

    private SwapText() {
    }

    static String of(SwapReport r) {
        return r.subsystem() + ": " + r.from() + " -> " + r.to() + " at t=" + r.virtualTime() + " ns ("
                + VirtualDuration.format(r.virtualTime()) + "), " + r.threadsMoved() + " moved, host time "
                + VirtualDuration.format(r.hostNanos());
    }
}
