package org.odonata.fs.hammer.fs;

/**
 * How {@link HammerFs#newfs} lays out a volume.
 *
 * @param bigBlockSize    big-block size: 8 MB as in DragonFly, or a power of two down to 64 KB for small test volumes
 * @param undoBigBlocks   big-blocks for the UNDO/REDO FIFO (1–128), or 0 for the default: 1/32 of the volume,
 *                        at least 2 and at most 128 (DragonFly uses 64–128 on large volumes)
 */
public record NewfsOptions(long bigBlockSize, int undoBigBlocks) {

    public static final long DEFAULT_BIGBLOCK = 8L * 1024 * 1024;

    public static NewfsOptions defaults() {
        return new NewfsOptions(DEFAULT_BIGBLOCK, 0);
    }

    public static NewfsOptions withBigBlock(long bigBlockSize) {
        return new NewfsOptions(bigBlockSize, 0);
    }
}
