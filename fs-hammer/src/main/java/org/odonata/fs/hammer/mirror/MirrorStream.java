package org.odonata.fs.hammer.mirror;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.ondisk.Crc32c;

/**
 * The mirror stream, version {@value #VERSION} (fs-hammer/MIRROR-FORMAT.md has the byte layout): a 64-byte header
 * naming the PFS's shared UUID, its id and the TID range [tid_beg, tid_end]; REC, PASS and SKIP records in key order,
 * each with a CRC32C; and a SYNC terminator that repeats tid_end and carries the record count and a CRC32C of every
 * byte before it. DragonFly's stream (cmd_mirror.c) is the same idea: a PFSD header, mrecords with rec_crc, and a
 * SYNC record whose arrival lets the target advance sync_end_tid. Simplification: one self-contained layout of our
 * own, not DragonFly's byte layout; the stream-wide CRC and the record count are ours, so that a reordered or cut
 * stream is refused as a whole before anything is applied.
 */
public final class MirrorStream {

    public static final int VERSION = 1;
    static final byte[] MAGIC = "HMRMIRRS".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_SIZE = 64;
    /** HAMMER_IOC_MIRROR_SIGNATURE's role: every record starts with it. */
    static final int SIGNATURE = 0x4D524543;
    static final int HEAD = 16;
    static final int ELEMENT = 56;
    static final int KEY = 32;
    static final int TYPE_REC = 1;
    static final int TYPE_PASS = 2;
    static final int TYPE_SKIP = 3;
    static final int TYPE_SYNC = 4;
    static final int SYNC_BODY = 24;
    /** A PFS-relative localization one past the PFS's last record class: where a PFS's key range ends. */
    public static final int PFS_END = 0x10000;
    /** Largest record data accepted (HAMMER_XBUFSIZE). */
    static final int MAX_DATA = 64 * 1024;

    /** The stream header: which PFS (by shared UUID and source id) and which TIDs it covers. */
    public record Header(UUID sharedUuid, int pfs, long tidBeg, long tidEnd) {
    }

    /** A parsed, fully checked stream. */
    public record Parsed(Header header, List<MirrorRecord> records, long bytes) {
    }

    private MirrorStream() {
    }

    /**
     * Writes a stream: the header, records in key order, then {@link #sync}. Keys and elements are PFS-relative
     * (localization minus the PFS's, so {@link #PFS_END} is the end of the PFS). Checks nothing; the reader does.
     */
    public static final class Writer {

        private final OutputStream out;
        private final CRC32C crc = new CRC32C();
        private final long tidEnd;
        private long records;
        private long bytes;

        public Writer(OutputStream out, Header h) {
            this.out = out;
            this.tidEnd = h.tidEnd();
            ByteBuffer b = buf(HEADER_SIZE);
            b.put(0, MAGIC).putShort(8, (short) VERSION).putShort(10, (short) HEADER_SIZE).putInt(12, h.pfs())
                    .putLong(16, h.sharedUuid().getMostSignificantBits())
                    .putLong(24, h.sharedUuid().getLeastSignificantBits()).putLong(32, h.tidBeg()).putLong(40, h.tidEnd());
            b.putInt(60, Crc32c.of(b.array(), 0, 60));
            emit(b.array());
        }

        public void rec(BTreeElement e, byte[] data) {
            record(TYPE_REC, element(e, data));
        }

        public void pass(BTreeElement e) {
            record(TYPE_PASS, element(e, null));
        }

        public void skip(BTreeKey beg, BTreeKey end) {
            ByteBuffer b = buf(2 * KEY);
            key(b, 0, beg);
            key(b, KEY, end);
            record(TYPE_SKIP, b.array());
        }

        /** The SYNC terminator; returns the stream's length in bytes. */
        public long sync() {
            ByteBuffer b = buf(SYNC_BODY);
            b.putLong(0, tidEnd).putLong(8, records).putInt(16, (int) crc.getValue());
            emit(head(TYPE_SYNC, b.array()));
            emit(b.array());
            flush();
            return bytes;
        }

        public long records() {
            return records;
        }

        private void record(int type, byte[] body) {
            emit(head(type, body));
            emit(body);
            records++;
        }

        private void emit(byte[] b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the mirror stream", e);
            }
            crc.update(b);
            bytes += b.length;
        }

        private void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing the mirror stream", e);
            }
        }
    }

    private static byte[] head(int type, byte[] body) {
        ByteBuffer h = buf(HEAD);
        h.putInt(0, SIGNATURE).putShort(4, (short) type).putInt(8, HEAD + body.length);
        CRC32C c = new CRC32C();
        c.update(h.array(), 0, 12);
        c.update(body);
        h.putInt(12, (int) c.getValue());
        return h.array();
    }

    private static byte[] element(BTreeElement e, byte[] data) {
        int len = data == null ? 0 : data.length;
        ByteBuffer b = buf(ELEMENT + len);
        b.putInt(0, e.localization()).putShort(4, (short) e.recType()).put(6, (byte) e.objType())
                .putLong(8, e.objId()).putLong(16, e.key()).putLong(24, e.createTid()).putLong(32, e.deleteTid())
                .putInt(40, e.createTs()).putInt(44, e.deleteTs()).putInt(48, e.dataLen()).putInt(52, e.dataCrc());
        if (data != null) {
            b.put(ELEMENT, data);
        }
        return b.array();
    }

    private static void key(ByteBuffer b, int at, BTreeKey k) {
        b.putInt(at, k.localization()).putShort(at + 4, (short) k.recType()).putLong(at + 8, k.objId())
                .putLong(at + 16, k.key()).putLong(at + 24, k.createTid());
    }

    private static ByteBuffer buf(int n) {
        return ByteBuffer.wrap(new byte[n]).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---- reading ----

    /**
     * Parses and checks a whole stream (hammer_ioc_mirror_write's checks, and cmd_mirror.c's on the header and
     * terminator): magic, version, header CRC; each record's signature, type, size, CRC, key order and TIDs, and a
     * REC's data against its data_crc; then the terminator's TID, count and stream CRC, and nothing after it. The
     * first fault throws a {@link MirrorStreamException} naming it and its byte offset.
     */
    public static Parsed parse(byte[] s) {
        if (s.length < HEADER_SIZE) {
            throw new MirrorStreamException(s.length, "truncated: " + s.length + " bytes, shorter than the "
                    + HEADER_SIZE + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(s, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new MirrorStreamException(0, "not a HAMMER mirror stream (no '" + new String(MAGIC,
                    StandardCharsets.US_ASCII) + "' magic)");
        }
        int version = b.getShort(8) & 0xFFFF;
        if (version != VERSION) {
            throw new MirrorStreamException(8, "stream format version " + version + "; this HAMMER reads version "
                    + VERSION);
        }
        if (b.getInt(60) != Crc32c.of(s, 0, 60)) {
            throw new MirrorStreamException(60, "header CRC mismatch");
        }
        Header h = new Header(new UUID(b.getLong(16), b.getLong(24)), b.getInt(12), b.getLong(32), b.getLong(40));
        if (h.pfs() < 0 || h.pfs() >= Localization.MAX_PFS) {
            throw new MirrorStreamException(12, "PFS id " + h.pfs() + " out of range");
        }
        if (h.tidBeg() == 0 || Long.compareUnsigned(h.tidBeg() - 1, h.tidEnd()) > 0) {
            throw new MirrorStreamException(32, "tid_beg " + hex(h.tidBeg()) + " is 0 or above tid_end + 1 " + hex(h.tidEnd()));
        }
        List<MirrorRecord> out = new ArrayList<>();
        CRC32C crc = new CRC32C();
        crc.update(s, 0, HEADER_SIZE);
        BTreeKey after = null;
        BTreeKey from = null;
        int at = HEADER_SIZE;
        for (;;) {
            if (s.length - at < HEAD) {
                throw new MirrorStreamException(at, "truncated: the stream ends inside or before record "
                        + out.size() + " without its SYNC terminator");
            }
            if (b.getInt(at) != SIGNATURE) {
                throw new MirrorStreamException(at, "record " + out.size() + " has no record signature");
            }
            int type = b.getShort(at + 4) & 0xFFFF;
            int size = b.getInt(at + 8);
            int max = type == TYPE_REC ? HEAD + ELEMENT + MAX_DATA : type == TYPE_PASS ? HEAD + ELEMENT
                    : type == TYPE_SKIP ? HEAD + 2 * KEY : type == TYPE_SYNC ? HEAD + SYNC_BODY : -1;
            if (max < 0) {
                throw new MirrorStreamException(at + 4, "record " + out.size() + " has unknown type " + type);
            }
            int min = type == TYPE_REC ? HEAD + ELEMENT : max;
            if (size < min || size > max) {
                throw new MirrorStreamException(at + 8, "record " + out.size() + " has size " + size + ", not "
                        + (min == max ? Integer.toString(min) : min + ".." + max));
            }
            if (s.length - at < size) {
                throw new MirrorStreamException(s.length, "truncated: record " + out.size() + " at byte " + at
                        + " needs " + size + " bytes, the stream has " + (s.length - at));
            }
            if (b.getInt(at + 12) != Crc32c.of(s, at, 12, at + HEAD, size - HEAD)) {
                throw new MirrorStreamException(at, "record " + out.size() + " CRC mismatch");
            }
            int body = at + HEAD;
            if (type == TYPE_SYNC) {
                long tid = b.getLong(body);
                long count = b.getLong(body + 8);
                if (tid != h.tidEnd()) {
                    throw new MirrorStreamException(body, "the SYNC terminator's TID " + hex(tid)
                            + " is not the header's tid_end " + hex(h.tidEnd()));
                }
                if (count != out.size()) {
                    throw new MirrorStreamException(body + 8, "the SYNC terminator counts " + count
                            + " records, the stream holds " + out.size());
                }
                if (b.getInt(body + 16) != (int) crc.getValue()) {
                    throw new MirrorStreamException(body + 16, "stream CRC mismatch (records reordered or altered)");
                }
                if (at + size != s.length) {
                    throw new MirrorStreamException(at + size, (s.length - at - size)
                            + " bytes after the SYNC terminator");
                }
                return new Parsed(h, out, s.length);
            }
            crc.update(s, at, size);
            if (type == TYPE_SKIP) {
                BTreeKey beg = key(b, body);
                BTreeKey end = key(b, body + KEY);
                if (Integer.compareUnsigned(beg.localization(), PFS_END) >= 0
                        || Integer.compareUnsigned(end.localization(), PFS_END) > 0) {
                    throw new MirrorStreamException(body, "SKIP record " + out.size() + " reaches outside the PFS"
                            + " (localization above " + Integer.toHexString(PFS_END) + ")");
                }
                if (beg.compareTo(end) >= 0) {
                    throw new MirrorStreamException(body, "SKIP record " + out.size() + " has an empty range " + beg
                            + " .. " + end);
                }
                checkOrder(at, out.size(), beg, after, from);
                out.add(new MirrorRecord.Skip(beg, end));
                after = null;
                from = end;
            } else {
                BTreeElement e = element(b, body);
                if (Integer.compareUnsigned(e.localization(), PFS_END) >= 0) {
                    throw new MirrorStreamException(body, "record " + out.size() + " has localization "
                            + Integer.toHexString(e.localization()) + ", outside the PFS");
                }
                checkOrder(at, out.size(), e.toKey(), after, from);
                if (Long.compareUnsigned(e.createTid(), h.tidEnd()) > 0
                        || Long.compareUnsigned(e.deleteTid(), h.tidEnd()) > 0) {
                    throw new MirrorStreamException(body + 24, "record " + out.size() + " has a TID above the"
                            + " stream's tid_end " + hex(h.tidEnd()));
                }
                if (e.deleteTid() != 0 && Long.compareUnsigned(e.deleteTid(), e.createTid()) <= 0) {
                    throw new MirrorStreamException(body + 32, "record " + out.size() + " is deleted at or before"
                            + " it was created");
                }
                if (type == TYPE_REC) {
                    int len = size - HEAD - ELEMENT;
                    if (len != e.dataLen()) {
                        throw new MirrorStreamException(body + 48, "record " + out.size() + " carries " + len
                                + " data bytes, its data_len says " + e.dataLen());
                    }
                    byte[] data = Arrays.copyOfRange(s, body + ELEMENT, body + ELEMENT + len);
                    if (Crc32c.of(data, 0, len) != e.dataCrc()) {
                        throw new MirrorStreamException(body + ELEMENT, "record " + out.size()
                                + "'s data does not match its data_crc");
                    }
                    out.add(new MirrorRecord.Rec(e, data));
                } else {
                    out.add(new MirrorRecord.Pass(e));
                }
                after = e.toKey();
                from = null;
            }
            at += size;
        }
    }

    /** Records come in ascending key order: after a REC or PASS strictly above it, after a SKIP at or above its end. */
    private static void checkOrder(int at, int index, BTreeKey k, BTreeKey after, BTreeKey from) {
        if ((after != null && k.compareTo(after) <= 0) || (from != null && k.compareTo(from) < 0)) {
            throw new MirrorStreamException(at, "record " + index + " key " + k + " is out of order (not above "
                    + (after != null ? after : from) + ")");
        }
    }

    private static BTreeKey key(ByteBuffer b, int at) {
        return new BTreeKey(b.getInt(at), b.getLong(at + 8), b.getShort(at + 4) & 0xFFFF, b.getLong(at + 16),
                b.getLong(at + 24));
    }

    private static BTreeElement element(ByteBuffer b, int at) {
        return new BTreeElement(b.getInt(at), b.getLong(at + 8), b.getShort(at + 4) & 0xFFFF, b.getLong(at + 16),
                b.getLong(at + 24), b.getLong(at + 32), b.get(at + 6) & 0xFF, BTreeElement.RECORD, 0, 0, b.getInt(at + 40),
                b.getInt(at + 44), 0, b.getInt(at + 48), b.getInt(at + 52));
    }

    static String hex(long tid) {
        return String.format("0x%016x", tid);
    }
}
