package org.odonata.fs.hammer.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.check.CheckReport;
import org.odonata.fs.hammer.check.HammerCheck;
import org.odonata.fs.hammer.check.Problem;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;

/** Asserts that hammer:check finds nothing, listing every problem if it does; and remounts with those checks. */
public final class Checks {

    private Checks() {
    }

    public static CheckReport assertClean(HammerFs fs) {
        CheckReport r = HammerCheck.run(fs);
        assertTrue(r.clean(), () -> r.summary() + "\n"
                + String.join("\n", r.problems().stream().map(Problem::toString).toList()));
        return r;
    }

    /** Unmounts {@code fs}, mounts {@code dev} again and checks the tree and the whole filesystem; the new mount. */
    public static HammerFs remount(HammerFs fs, BlockDevice dev) {
        fs.close();
        HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
        TreeChecker.check(again.btree());
        assertClean(again);
        return again;
    }
}
