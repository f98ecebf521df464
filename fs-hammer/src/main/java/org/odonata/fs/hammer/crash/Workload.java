package org.odonata.fs.hammer.crash;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A short sequence of steps run after the common setup, named as it reads, e.g.
 * {@code create(/B); fsync(/B) | rename(/A,/D/B); sync}.
 */
public record Workload(List<Step> steps) {

    /** What a step does after its operation to make it durable. */
    public enum Persist { NONE, FSYNC, FSYNC_PARENT, SYNC }

    /**
     * A core operation and its persistence point.
     *
     * @param op      the operation
     * @param persist what follows it
     */
    public record Step(FsOp op, Persist persist) {

        /** The path the persistence point fsyncs, or {@code null} for none or a full sync. */
        public String fsyncPath() {
            return switch (persist) {
                case FSYNC -> op.target();
                case FSYNC_PARENT -> op.parent();
                case NONE, SYNC -> null;
            };
        }

        @Override
        public String toString() {
            return switch (persist) {
                case NONE -> op.toString();
                case SYNC -> op + "; sync";
                case FSYNC, FSYNC_PARENT -> op + "; fsync(" + fsyncPath() + ")";
            };
        }
    }

    public Workload {
        steps = List.copyOf(steps);
    }

    public String name() {
        return steps.stream().map(Step::toString).collect(Collectors.joining(" | "));
    }

    @Override
    public String toString() {
        return name();
    }
}
