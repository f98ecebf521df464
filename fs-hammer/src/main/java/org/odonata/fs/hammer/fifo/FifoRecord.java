package org.odonata.fs.hammer.fifo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.odonata.fs.hammer.ondisk.Crc32c;

/**
 * One UNDO/REDO FIFO record (hammer_fifo_head/tail, version 4+ format): a 16-byte head (signature 0xC84E,
 * type, size, 32-bit sequence number, CRC over the whole record except the CRC field), a type-specific body,
 * the payload padded to 8 bytes, and an 8-byte tail (signature 0xC74F, type, size). A record on the media never
 * crosses a 512-byte boundary ({@link UndoFifo} splits longer payloads and fills the rest of a 512-byte block
 * with a PAD, which has no sequence number and no CRC), as hammer_generate_undo and hammer_generate_redo do.
 * A record built here with a longer payload is a request that {@link UndoFifo#append} splits.
 *
 * @param type    {@link #PAD}, {@link #DUMMY}, {@link #UNDO} or {@link #REDO}
 * @param seq     sequence number (assigned when appended)
 * @param size    total bytes, a multiple of 512
 * @param target  UNDO: the zone offset the old bytes belong to; REDO: the file offset (or, for SYNC, the FIFO
 *                offset where stage 2 starts)
 * @param objId   REDO: the inode
 * @param flags   REDO: {@link #REDO_WRITE}, {@link #REDO_TRUNC}, {@link #REDO_SYNC}, …
 * @param payload UNDO: the old bytes; REDO WRITE: the data
 */
public record FifoRecord(int type, int seq, int size, long target, long objId, int flags, byte[] payload) {

    public static final int HEAD_SIGNATURE = 0xC84E;
    public static final int TAIL_SIGNATURE = 0xC74F;
    /** HAMMER_UNDO_ALIGN: no record crosses a multiple of it, and every 512-byte block starts with a record. */
    public static final int ALIGN = 512;
    public static final int HEAD = 16;
    public static final int TAIL = 8;
    /** Records are 8-byte aligned (HAMMER_HEAD_ALIGN). */
    public static final int HEAD_ALIGN = 8;
    /** The smallest PAD: its head and tail overlap. */
    static final int MIN_PAD = 8;
    public static final int PAD = 0x0040;
    public static final int DUMMY = 0x0041;
    public static final int UNDO = 0x0043;
    public static final int REDO = 0x0044;
    public static final int UNDO_BODY = 16;
    public static final int REDO_BODY = 40;
    public static final int REDO_WRITE = 0x01;
    public static final int REDO_TRUNC = 0x02;
    /** Marks a WRITE as synced to the B-tree; defined for the format, never generated (see the flusher). */
    public static final int REDO_TERM_WRITE = 0x04;
    /** Marks a TRUNC as synced to the B-tree; defined for the format, never generated (see the flusher). */
    public static final int REDO_TERM_TRUNC = 0x08;
    public static final int REDO_SYNC = 0x10;

    public static FifoRecord undo(long target, byte[] oldBytes) {
        return new FifoRecord(UNDO, 0, sizeFor(UNDO_BODY + oldBytes.length), target, 0, 0, oldBytes);
    }

    public static FifoRecord redo(int flags, long objId, long target, byte[] data) {
        return new FifoRecord(REDO, 0, sizeFor(REDO_BODY + data.length), target, objId, flags, data);
    }

    static FifoRecord pad(int size) {
        return new FifoRecord(PAD, 0, size, 0, 0, 0, new byte[0]);
    }

    static int sizeFor(int body) {
        return HEAD + (body + HEAD_ALIGN - 1) / HEAD_ALIGN * HEAD_ALIGN + TAIL;
    }

    /** Bytes of head and body before the payload. */
    int bodyStart() {
        return HEAD + (type == UNDO ? UNDO_BODY : REDO_BODY);
    }

    /** The same kind of record for {@code n} payload bytes from {@code from}, its target moved along with them. */
    FifoRecord slice(int from, int n) {
        byte[] part = java.util.Arrays.copyOfRange(payload, from, from + n);
        return type == UNDO ? undo(target + from, part) : redo(flags, objId, target + from, part);
    }

    FifoRecord withSeq(int s) {
        return new FifoRecord(type, s, size, target, objId, flags, payload);
    }

    byte[] encode() {
        byte[] b = new byte[size];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort(0, (short) HEAD_SIGNATURE).putShort(2, (short) type).putInt(4, size);
        if (type == PAD) {
            // no sequence number and no CRC; the tail overlaps the head in the smallest PAD
            if (size > MIN_PAD) {
                buf.putShort(size - TAIL, (short) TAIL_SIGNATURE).putShort(size - TAIL + 2, (short) type)
                        .putInt(size - TAIL + 4, size);
            }
            return b;
        }
        buf.putInt(8, seq);
        if (type == UNDO) {
            buf.putLong(HEAD, target).putInt(HEAD + 8, payload.length);
            buf.put(HEAD + UNDO_BODY, payload);
        } else if (type == REDO) {
            buf.putLong(HEAD, objId).putLong(HEAD + 8, target).putInt(HEAD + 16, payload.length)
                    .putInt(HEAD + 20, flags);
            buf.put(HEAD + REDO_BODY, payload);
        }
        buf.putShort(size - TAIL, (short) TAIL_SIGNATURE).putShort(size - TAIL + 2, (short) type)
                .putInt(size - TAIL + 4, size);
        buf.putInt(12, Crc32c.of(b, 0, 12, 16, size - 16));
        return b;
    }

    /** Size field of a head, or -1 if the head's signature is wrong. */
    static int headSize(byte[] head) {
        ByteBuffer buf = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        return (buf.getShort(0) & 0xFFFF) == HEAD_SIGNATURE ? buf.getInt(4) : -1;
    }

    static int headType(byte[] head) {
        return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getShort(2) & 0xFFFF;
    }

    static int headSeq(byte[] head) {
        return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }

    /** Decodes a whole record, or returns the check that failed. */
    static Object decode(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.length;
        int type = buf.getShort(2) & 0xFFFF;
        if (buf.getInt(12) != Crc32c.of(b, 0, 12, 16, size - 16)) {
            return "record CRC mismatch";
        }
        if ((buf.getShort(size - TAIL) & 0xFFFF) != TAIL_SIGNATURE || (buf.getShort(size - TAIL + 2) & 0xFFFF) != type
                || buf.getInt(size - TAIL + 4) != size) {
            return "tail does not match the head";
        }
        int seq = buf.getInt(8);
        switch (type) {
            case UNDO -> {
                int len = buf.getInt(HEAD + 8);
                if (len < 0 || HEAD + UNDO_BODY + len > size - TAIL) {
                    return "UNDO length " + len + " exceeds the record";
                }
                byte[] data = new byte[len];
                buf.get(HEAD + UNDO_BODY, data);
                return new FifoRecord(UNDO, seq, size, buf.getLong(HEAD), 0, 0, data);
            }
            case REDO -> {
                int len = buf.getInt(HEAD + 16);
                if (len < 0 || HEAD + REDO_BODY + len > size - TAIL) {
                    return "REDO length " + len + " exceeds the record";
                }
                byte[] data = new byte[len];
                buf.get(HEAD + REDO_BODY, data);
                return new FifoRecord(REDO, seq, size, buf.getLong(HEAD + 8), buf.getLong(HEAD), buf.getInt(HEAD + 20),
                        data);
            }
            case DUMMY -> {
                return new FifoRecord(type, seq, size, 0, 0, 0, new byte[0]);
            }
            default -> {
                return "unknown record type 0x" + Integer.toHexString(type);
            }
        }
    }
}
