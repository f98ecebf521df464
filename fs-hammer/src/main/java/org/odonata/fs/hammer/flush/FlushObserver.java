package org.odonata.fs.hammer.flush;

/**
 * Told when a flush reaches each phase: the hook crash tests and the crash-enumeration harness use to cut
 * power at a precise point. Called synchronously on the flushing thread.
 */
@FunctionalInterface
public interface FlushObserver {

    FlushObserver NONE = (phase, tid) -> {
    };

    /**
     * @param phase the phase just completed
     * @param tid   the flush group's TID (0 for RETIRED and REDO_WRITTEN)
     */
    void reached(FlushPhase phase, long tid);
}
