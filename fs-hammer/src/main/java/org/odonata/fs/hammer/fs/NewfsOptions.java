package org.odonata.fs.hammer.fs;

/**
 * How {@link HammerFs#newfs} lays out a volume.
 *
 * @param bigBlockSize    big-block size: 8 MB as in DragonFly, or a power of two down to 64 KB for small test volumes
 * @param undoBigBlocks   big-blocks for the UNDO/REDO FIFO (1–128), or 0 for the default: 1/32 of the volume,
 *                        at least 2 and at most 128 (DragonFly uses 64–128 on large volumes)
 * @param firstTid        the volume's first TID, or 0 for a fixed default; newfs_hammer's {@code createtid()} takes
 *                        the time of day in nanoseconds, which a simulated kernel passes from its virtual wall clock
 */
public record NewfsOptions(long bigBlockSize, int undoBigBlocks, long firstTid) {

    public NewfsOptions(long bigBlockSize, int undoBigBlocks) {
        this(bigBlockSize, undoBigBlocks, 0);
    }

    /** These options with the first TID taken from a clock reading (nanoseconds since the epoch). */
    public NewfsOptions withFirstTid(long tid) {
        return new NewfsOptions(bigBlockSize, undoBigBlocks, tid);
    }

    public static final long DEFAULT_BIGBLOCK = 8L * 1024 * 1024;

    public static NewfsOptions defaults() {
        return new NewfsOptions(DEFAULT_BIGBLOCK, 0);
    }

    public static NewfsOptions withBigBlock(long bigBlockSize) {
        return new NewfsOptions(bigBlockSize, 0);
    }
}
