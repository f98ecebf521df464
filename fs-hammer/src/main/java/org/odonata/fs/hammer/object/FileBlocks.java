package org.odonata.fs.hammer.object;

/** hammer_blocksize: file blocks are 16 KB below 1 MB and 64 KB from 1 MB on (1 MB is a multiple of both). */
public final class FileBlocks {

    public static final int SMALL = 16 * 1024;
    public static final int LARGE = 64 * 1024;
    public static final long SMALL_LIMIT = 1024 * 1024;
    /**
     * The largest file: a data record's key is its block's end offset (base + length), which must stay a positive
     * 64-bit key, so the last 64 KB block ends at 2^63 - 64 KB. hammer_vop_write refuses offsets that overflow
     * 2^63 - 1 with EFBIG; this bound is one block lower so the last block's key still fits.
     */
    public static final long MAX_FILE_SIZE = Long.MAX_VALUE - LARGE + 1;

    private FileBlocks() {
    }

    public static long base(long offset) {
        return offset < SMALL_LIMIT ? offset & -SMALL : offset & -LARGE;
    }

    public static int length(long base) {
        return base < SMALL_LIMIT ? SMALL : LARGE;
    }
}
