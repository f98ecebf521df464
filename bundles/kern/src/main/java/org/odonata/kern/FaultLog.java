package org.odonata.kern;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.odonata.api.kern.Fault;

/**
 * The kernel's faults, each with a dump of the state it happened in (the last decisions asked of the
 * implementations, every CPU's running and designated threads, the LWPs queued in the user scheduler by the
 * core's record, the tokens held and waited for), and the listener told of each as it is recorded.
 */
final class FaultLog {

    private final SimKernel k;
    private final List<Fault> faults = new ArrayList<>();
    final DecisionLog decisions = new DecisionLog();
    private Consumer<Fault> listener;

    FaultLog(SimKernel k) {
        this.k = k;
    }

    /**
     * Records a fault.
     *
     * @param implementation the implementation at fault, or empty
     * @param fallback       what replaced it, or empty when it was not ejected
     * @param cause          what it threw, or {@code null}
     */
    void record(String subsystem, String implementation, String fallback, String reason, Throwable cause) {
        Fault f = new Fault(k.engine.now(), subsystem, implementation, fallback, reason, stackTrace(cause), dump());
        faults.add(f);
        if (listener != null) {
            listener.accept(f);
        }
    }

    List<Fault> all() {
        return List.copyOf(faults);
    }

    void setListener(Consumer<Fault> l) {
        listener = l;
    }

    private static String stackTrace(Throwable cause) {
        if (cause == null) {
            return "";
        }
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private List<String> dump() {
        List<String> out = new ArrayList<>();
        out.add("last decisions (oldest first):");
        for (String line : decisions.lines()) {
            out.add("  " + line);
        }
        out.add("cpus:");
        for (int c = 0; c < k.ncpus; c++) {
            Globaldata gd = k.gd(c);
            out.add("  cpu" + c + (k.usched.online(c) ? "" : " (offline)") + ": running " + gd.curthread
                    + (gd.uschedcp == null ? ", no designated LWP" : ", designated " + gd.uschedcp)
                    + ", " + gd.runq.size() + " on the LWKT run queue");
        }
        List<Lwp> queued = new ArrayList<>();
        for (Lwp lp : k.allLwps()) {
            if (lp.queued) {
                queued.add(lp);
            }
        }
        queued.sort(Comparator.comparingLong(lp -> lp.runnableSince));
        out.add("queued in the user scheduler (" + queued.size() + ", the core's record, longest waiting first):");
        for (Lwp lp : queued) {
            out.add(String.format(Locale.ROOT, "  %s, runnable for %.3fms, %s", lp,
                    (k.engine.now() - lp.runnableSince) / 1e6, lp.schedClass().name().toLowerCase(Locale.ROOT)));
        }
        out.add("tokens held or waited for:");
        out.addAll(k.tokens.describeHeld("  "));
        return out;
    }
}
