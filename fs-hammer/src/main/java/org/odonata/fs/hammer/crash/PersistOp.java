package org.odonata.fs.hammer.crash;

import java.nio.ByteBuffer;

/**
 * One completed persistence operation as a {@link RecordingDevice} saw it. Reads are not persistence
 * operations and are never logged.
 */
public sealed interface PersistOp {

    /**
     * A completed write. {@code data} is the recorder's private copy and is never modified.
     *
     * @param offset byte offset on the device, sector-aligned
     * @param data   the bytes written, a multiple of the sector size
     * @param fua    whether the write was durable at completion
     */
    record Write(long offset, byte[] data, boolean fua) implements PersistOp {

        /** A read-only view of the data, positioned at its start. */
        public ByteBuffer bytes() {
            return ByteBuffer.wrap(data).asReadOnlyBuffer();
        }

        @Override
        public String toString() {
            return (fua ? "write+fua " : "write ") + offset + "+" + data.length;
        }
    }

    /** A completed flush: every write completed before it is durable. */
    record Flush() implements PersistOp {

        @Override
        public String toString() {
            return "flush";
        }
    }
}
