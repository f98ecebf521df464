package org.odonata.fs.hammer.object;

/** hammer_blocksize: file blocks are 16 KB below 1 MB and 64 KB from 1 MB on (1 MB is a multiple of both). */
public final class FileBlocks {

    public static final int SMALL = 16 * 1024;
    public static final int LARGE = 64 * 1024;
    public static final long SMALL_LIMIT = 1024 * 1024;

    private FileBlocks() {
    }

    public static long base(long offset) {
        return offset < SMALL_LIMIT ? offset & -SMALL : offset & -LARGE;
    }

    public static int length(long base) {
        return base < SMALL_LIMIT ? SMALL : LARGE;
    }
}
