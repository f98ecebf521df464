package org.odonata.fs.hammer.crash;

/**
 * A core operation of an ACE workload. Data-carrying operations name no bytes: a {@link FsModel} decides
 * them (offset from the file's size, content from the step's tag), so a workload reads as its operations.
 */
public sealed interface FsOp {

    /** The path a following fsync makes durable, or {@code null} when the operation leaves none. */
    default String target() {
        return switch (this) {
            case Create c -> c.path();
            case Mkdir m -> m.path();
            case Write w -> w.path();
            case Overwrite o -> o.path();
            case Truncate t -> t.path();
            case Link l -> l.path();
            case Rename r -> r.to();
            case Unlink u -> null;
            case Rmdir r -> null;
            case Snapshot s -> null;
        };
    }

    /** The directory whose entries the operation changed: what "fsync the parent" means for it. */
    default String parent() {
        String changed = switch (this) {
            case Unlink u -> u.path();
            case Rmdir r -> r.path();
            case Snapshot s -> null;
            default -> target();
        };
        return changed == null ? null : FsModel.parentOf(changed);
    }

    record Create(String path) implements FsOp {
        @Override
        public String toString() {
            return "create(" + path + ")";
        }
    }

    record Mkdir(String path) implements FsOp {
        @Override
        public String toString() {
            return "mkdir(" + path + ")";
        }
    }

    /** Appends {@link FsModel#APPEND_BYTES} at the end of the file. */
    record Write(String path) implements FsOp {
        @Override
        public String toString() {
            return "write(" + path + ")";
        }
    }

    /** Rewrites {@link FsModel#OVERWRITE_BYTES} from {@link FsModel#OVERWRITE_OFFSET}, across a block edge. */
    record Overwrite(String path) implements FsOp {
        @Override
        public String toString() {
            return "overwrite(" + path + ")";
        }
    }

    /** Sets the size to {@link FsModel#TRUNCATE_SIZE}: shrinks a full file, extends an empty one. */
    record Truncate(String path) implements FsOp {
        @Override
        public String toString() {
            return "truncate(" + path + ")";
        }
    }

    record Link(String existing, String path) implements FsOp {
        @Override
        public String toString() {
            return "link(" + existing + "," + path + ")";
        }
    }

    record Unlink(String path) implements FsOp {
        @Override
        public String toString() {
            return "unlink(" + path + ")";
        }
    }

    record Rename(String from, String to) implements FsOp {
        @Override
        public String toString() {
            return "rename(" + from + "," + to + ")";
        }
    }

    record Rmdir(String path) implements FsOp {
        @Override
        public String toString() {
            return "rmdir(" + path + ")";
        }
    }

    record Snapshot(String label) implements FsOp {
        @Override
        public String toString() {
            return "snapshot(" + label + ")";
        }
    }
}
