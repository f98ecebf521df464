package org.odonata.fs.hammer.volume;

import java.util.Arrays;

/**
 * Record data where it lies, as hammer_btree_extract leaves {@code cursor->data} pointing into the data buffer:
 * bytes {@code [offset, offset + length)} of {@code array}. Read-only, and valid until the volume next stages or
 * writes data (then the buffer may change or be replaced); {@link #copy} keeps the bytes beyond that.
 */
public record DataSlice(byte[] array, int offset, int length) {

    public byte[] copy() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }
}
