package org.odonata.experiments.run;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Progress lines for a run: trials done of total, failures, host time elapsed and a linear estimate of the
 * time left, and — while trials are running — how far in virtual time the slowest of them has got, so that a
 * single long trial shows progress too. Host time only ever reaches these lines, never a result. At most one
 * line a second when trials finish, one every ten seconds while none does, plus the last.
 */
final class Progress {

    private final int total;
    private final Consumer<String> out;
    private final long start = System.nanoTime();
    private long lastPrinted = start;
    private int lastDone;

    Progress(int total, Consumer<String> out) {
        this.total = total;
        this.out = out;
    }

    /**
     * @param running what the trials still running have reached, e.g. {@code "; running: t=3.2s of 10s"}; built
     *                only when a line is printed
     */
    void update(int done, int failed, Supplier<String> running) {
        long now = System.nanoTime();
        // a finished trial is news once a second; trials still running only every ten seconds
        long interval = done != lastDone ? 1_000_000_000L : 10_000_000_000L;
        if (done < total && now - lastPrinted < interval) {
            return;
        }
        lastPrinted = now;
        lastDone = done;
        double elapsed = (now - start) / 1e9;
        String left = done == 0 ? "" : String.format(Locale.ROOT, "  remaining ~%.1fs", elapsed / done * (total - done));
        out.accept(String.format(Locale.ROOT, "trials %d/%d%s  elapsed %.1fs%s%s", done, total,
                failed == 0 ? "" : " (" + failed + " failed)", elapsed, left, done < total ? running.get() : ""));
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
