package org.odonata.fs.hammer.shell;

import org.odonata.api.memory.MemorySize;

/** Sizes as the commands spell them: a number with an optional K, M, G or T suffix (powers of 1024). */
final class ByteSize {

    private ByteSize() {
    }

    static long parse(String text) {
        return MemorySize.parse(text).bytes();
    }

    static String format(long bytes) {
        return MemorySize.format(bytes);
    }
}
