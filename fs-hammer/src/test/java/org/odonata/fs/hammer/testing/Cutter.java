package org.odonata.fs.hammer.testing;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.flush.FlushObserver;
import org.odonata.fs.hammer.flush.FlushPhase;

/** Cuts the power the {@code nth} time a flush reaches a phase, once armed, and abandons the filesystem. */
public final class Cutter implements FlushObserver {

    /** Thrown by the observer right after cutting the power, abandoning the mounted filesystem. */
    public static final class PowerCut extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final BlockDevice dev;
    private FlushPhase phase;
    private int remaining = -1;

    public Cutter(BlockDevice dev) {
        this.dev = dev;
    }

    public void arm(FlushPhase p, int nth) {
        phase = p;
        remaining = nth;
    }

    @Override
    public void reached(FlushPhase p, long tid) {
        if (p == phase && remaining > 0 && --remaining == 0) {
            dev.powerCut();
            throw new PowerCut();
        }
    }
}
