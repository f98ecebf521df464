package org.odonata.fs.hammer.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.odonata.fs.hammer.check.CheckReport;
import org.odonata.fs.hammer.check.HammerCheck;
import org.odonata.fs.hammer.check.Problem;
import org.odonata.fs.hammer.fs.HammerFs;

/** Asserts that hammer:check finds nothing, listing every problem if it does. */
public final class Checks {

    private Checks() {
    }

    public static CheckReport assertClean(HammerFs fs) {
        CheckReport r = HammerCheck.run(fs);
        assertTrue(r.clean(), () -> r.summary() + "\n"
                + String.join("\n", r.problems().stream().map(Problem::toString).toList()));
        return r;
    }
}
