package org.odonata.fs.hammer.fs;

import org.odonata.fs.hammer.ondisk.VolumeHeader;

/**
 * How {@link HammerFs#newfs} lays out a volume.
 *
 * @param bigBlockSize    big-block size: 8 MB as in DragonFly, or a power of two down to 64 KB for small test volumes
 * @param undoBigBlocks   big-blocks for the UNDO/REDO FIFO (1–128), or 0 for the default: 1/32 of the volume,
 *                        at least 2 and at most 128 (DragonFly uses 64–128 on large volumes)
 * @param firstTid        the volume's first TID, or 0 for a fixed default; newfs_hammer's {@code createtid()} takes
 *                        the time of day in nanoseconds, which a simulated kernel passes from its virtual wall clock
 * @param version         the on-disk version ({@code newfs_hammer -V}): {@link VolumeHeader#VERSION}, the current one,
 *                        or an older one down to {@link VolumeHeader#MIN_VERSION} (version 7 directories hash with ALG0)
 */
public record NewfsOptions(long bigBlockSize, int undoBigBlocks, long firstTid, int version) {

    public NewfsOptions {
        if (version < VolumeHeader.MIN_VERSION || version > VolumeHeader.VERSION) {
            throw new IllegalArgumentException("HAMMER volume version " + version + " is not one of "
                    + VolumeHeader.MIN_VERSION + " to " + VolumeHeader.VERSION);
        }
    }

    public NewfsOptions(long bigBlockSize, int undoBigBlocks, long firstTid) {
        this(bigBlockSize, undoBigBlocks, firstTid, VolumeHeader.VERSION);
    }

    public NewfsOptions(long bigBlockSize, int undoBigBlocks) {
        this(bigBlockSize, undoBigBlocks, 0);
    }

    /** These options with the first TID taken from a clock reading (nanoseconds since the epoch). */
    public NewfsOptions withFirstTid(long tid) {
        return new NewfsOptions(bigBlockSize, undoBigBlocks, tid, version);
    }

    /** These options formatting an older on-disk version ({@code newfs_hammer -V}). */
    public NewfsOptions withVersion(int v) {
        return new NewfsOptions(bigBlockSize, undoBigBlocks, firstTid, v);
    }

    public static final long DEFAULT_BIGBLOCK = 8L * 1024 * 1024;

    public static NewfsOptions defaults() {
        return new NewfsOptions(DEFAULT_BIGBLOCK, 0);
    }

    public static NewfsOptions withBigBlock(long bigBlockSize) {
        return new NewfsOptions(bigBlockSize, 0);
    }
}
