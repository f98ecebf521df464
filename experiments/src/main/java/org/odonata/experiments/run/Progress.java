package org.odonata.experiments.run;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress lines for a run: trials done of total, failures, host time elapsed and a linear estimate of the
 * time left. Host time only ever reaches these lines, never a result. At most one line a second, plus the last.
 */
final class Progress {

    private final int total;
    private final Consumer<String> out;
    private final long start = System.nanoTime();
    private long lastPrinted;

    Progress(int total, Consumer<String> out) {
        this.total = total;
        this.out = out;
    }

    void done(int done, int failed) {
        long now = System.nanoTime();
        if (done < total && now - lastPrinted < 1_000_000_000L) {
            return;
        }
        lastPrinted = now;
        double elapsed = (now - start) / 1e9;
        double left = done == 0 ? 0 : elapsed / done * (total - done);
        out.accept(String.format(Locale.ROOT, "trials %d/%d%s  elapsed %.1fs  remaining ~%.1fs", done, total,
                failed == 0 ? "" : " (" + failed + " failed)", elapsed, left));
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
