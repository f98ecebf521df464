package org.odonata.fs.hammer.fifo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * The UNDO/REDO FIFO in zone 3: a ring of big-blocks named by the header's UNDO array. Records are appended
 * at {@link #next()} with consecutive sequence numbers, never across a 512-byte boundary and never over the
 * span that starts at the header's first offset, which recovery may still need. As hammer_generate_undo and
 * hammer_generate_redo lay them down: a payload that does not fit before the next boundary is split into
 * several records, a gap too small for a record is filled with a PAD, and after each append the rest of the
 * 512-byte block gets a dummy PAD that the next record overwrites, so a scan never meets stale bytes there.
 * Appends are buffered per 4 KB block and reach the device at {@link #write}. Appending costs a copy; scanning
 * reads each record once. Simplification: a new 16 KB FIFO buffer is not preformatted with DUMMY records
 * (hammer_format_undo); zeros stop a scan just as well.
 */
public final class UndoFifo {

    private final Volume vol;
    private final TreeMap<Long, byte[]> pending = new TreeMap<>();
    /** The written 4 KB block the next record goes into (hammer keeps its UNDO buffer), so appends never read. */
    private long tailBlock = -1;
    private byte[] tail;
    private long next;
    private int nextSeq;

    /** The FIFO appending at {@code next}; reads the block there once, so that no later append has to. */
    public UndoFifo(Volume vol, long next, int nextSeq) {
        this.vol = vol;
        this.next = next;
        this.nextSeq = nextSeq;
        long block = next & -Volume.BLOCK;
        if (next != block) {
            tailBlock = block;
            tail = vol.read(zone3(block), Volume.BLOCK, "UNDO FIFO block");
        }
    }

    public long size() {
        return vol.header().blockmap(ZoneOffset.UNDO).allocOffset();
    }

    /** Where the next record goes (zone-3 offset without the zone tag). */
    public long next() {
        return next;
    }

    public int nextSeq() {
        return nextSeq;
    }

    /** Bytes that may still be appended without overwriting the span recovery needs, keeping room for a PAD. */
    public long free() {
        long first = ZoneOffset.offset(vol.header().blockmap(ZoneOffset.UNDO).firstOffset());
        long used = Math.floorMod(next - first, size());
        return size() - used - vol.bigBlockSize() - FifoRecord.ALIGN;
    }

    /**
     * Appends an UNDO or REDO record, split into as many media records as the 512-byte boundaries require (an
     * UNDO or REDO WRITE payload is cut into consecutive pieces, each with its own target); returns the offset of
     * the first. Throws ENOSPC, appending nothing, if the FIFO lacks room for {@link #bytesFor} of it.
     */
    public long append(FifoRecord r) {
        long need = bytesFor(r);
        if (need > free()) {
            throw new HammerException(Errno.ENOSPC, "UNDO FIFO (" + free() + " bytes free, " + need + " needed)");
        }
        long first = -1;
        int done = 0;
        int len = r.payload().length;
        do {
            int room = roomInBlock();
            int n = room - r.bodyStart() - FifoRecord.TAIL;
            if (n <= 0) {
                appendRaw(FifoRecord.pad(room));
                continue;
            }
            n = Math.min(n, len - done);
            first = first < 0 ? next : first;
            appendRaw(n == len ? r : r.slice(done, n));
            done += n;
        } while (done < len || first < 0); // a record without payload (REDO SYNC, TRUNC) still goes down after a PAD
        int room = roomInBlock();
        if (room != FifoRecord.ALIGN) {
            place(FifoRecord.pad(room).encode(), next);
        }
        return first;
    }

    /** The most FIFO bytes {@link #append} can take for a record: each piece may fill a 512-byte block. */
    public static long bytesFor(FifoRecord r) {
        int max = FifoRecord.ALIGN - r.bodyStart() - FifoRecord.TAIL;
        return ((long) Math.max(1, (r.payload().length + max - 1) / max) + 1) * FifoRecord.ALIGN;
    }

    /** Exactly the FIFO bytes appending {@code records} at {@link #next} takes, PADs included. */
    public long bytesToAppend(List<FifoRecord> records) {
        long at = next;
        for (FifoRecord r : records) {
            int len = r.payload().length;
            int done = 0;
            boolean placed = false;
            do {
                int room = FifoRecord.ALIGN - (int) (at % FifoRecord.ALIGN);
                int n = room - r.bodyStart() - FifoRecord.TAIL;
                if (n <= 0) {
                    at += room;
                    continue;
                }
                n = Math.min(n, len - done);
                at += FifoRecord.sizeFor(r.bodyStart() - FifoRecord.HEAD + n);
                done += n;
                placed = true;
            } while (done < len || !placed);
        }
        return at - next;
    }

    /**
     * About the FIFO bytes UNDO of {@code bytes} old bytes in {@code ranges} ranges takes: a 40-byte head, body and
     * tail per record of at most 472 bytes, payloads padded to 8, and an eighth more for the PADs at 512-byte
     * boundaries. For budgets; {@link #bytesToAppend} is exact.
     */
    public static long estimate(long bytes, long ranges) {
        long overhead = FifoRecord.HEAD + FifoRecord.UNDO_BODY + FifoRecord.TAIL;
        long records = ranges + bytes / (FifoRecord.ALIGN - overhead);
        return (bytes + records * (overhead + FifoRecord.HEAD_ALIGN)) * 9 / 8;
    }

    private int roomInBlock() {
        return FifoRecord.ALIGN - (int) (next % FifoRecord.ALIGN);
    }

    private void appendRaw(FifoRecord r) {
        boolean pad = r.type() == FifoRecord.PAD;
        place((pad ? r : r.withSeq(nextSeq)).encode(), next);
        next = (next + r.size()) % size();
        if (!pad) {
            nextSeq++;
        }
    }

    /** Copies encoded bytes into the buffered 4 KB blocks at {@code at}. */
    private void place(byte[] bytes, long at) {
        int done = 0;
        while (done < bytes.length) {
            long pos = at + done;
            long block = pos & -Volume.BLOCK;
            byte[] buf = pending.get(block);
            if (buf == null) {
                buf = pos == block ? new byte[Volume.BLOCK] : block == tailBlock ? tail.clone()
                        : vol.read(zone3(block), Volume.BLOCK, "UNDO FIFO block");
                pending.put(block, buf);
            }
            int n = (int) Math.min(bytes.length - done, block + Volume.BLOCK - pos);
            System.arraycopy(bytes, done, buf, (int) (pos - block), n);
            done += n;
        }
    }

    /**
     * Forgets every record appended, and not yet written, since the FIFO was at {@code at} with sequence number
     * {@code seq} (a failed flush group). Records already written are never rewound over: reusing their sequence
     * numbers could let a later scan run on into them.
     */
    public void rewind(long at, int seq) {
        pending.clear();
        next = at;
        nextSeq = seq;
    }

    /** Writes the appended records; with {@code fua} they are durable on return. */
    public void write(boolean fua) {
        long block = next & -Volume.BLOCK;
        byte[] last = pending.get(block);
        for (Map.Entry<Long, byte[]> e : pending.entrySet()) {
            vol.write(zone3(e.getKey()), e.getValue(), fua);
        }
        pending.clear();
        if (last != null) {
            tailBlock = block;
            tail = last;
        }
    }

    static long zone3(long offset) {
        return ZoneOffset.encode(ZoneOffset.UNDO, 0, offset);
    }

    /**
     * Scans the span from the header's first offset while sequence numbers stay continuous (hammer_recover_stage1
     * for version 4+: the header's next offset may lag); PADs carry no sequence number and are stepped over, and
     * the span ends after its last real record. Since a record never crosses a 512-byte boundary it is never torn
     * by a crash, so the span can only end cleanly where a 512-byte block begins with something that is not the
     * next record (zeros, or a record of an earlier lap). Anything else on the way (a record of the expected
     * sequence number that fails its CRC, a bad size, an end in the middle of a block) is damage, reported even
     * past the header's next offset, where an fsync's REDO may live: DragonFly's forward scan fails the mount on
     * a bad record too (it meets only valid records, as its FIFO buffers are preformatted with DUMMY records).
     */
    public static UndoSpan scan(Volume vol) {
        var bm = vol.header().blockmap(ZoneOffset.UNDO);
        long size = bm.allocOffset();
        long first = ZoneOffset.offset(bm.firstOffset());
        long headerNext = ZoneOffset.offset(bm.nextOffset());
        int seq = vol.header().undoSeqFirst();
        long off = first;
        long end = first;
        String reason = "full lap";
        boolean damaged = false;
        List<UndoSpan.Entry> records = new ArrayList<>();
        for (long scanned = 0; scanned < size; ) {
            byte[] head = vol.read(zone3(off), FifoRecord.MIN_PAD, "UNDO/REDO record head");
            int recSize = FifoRecord.headSize(head);
            int within = (int) (off % FifoRecord.ALIGN);
            if (recSize < 0) {
                reason = "head signature is not 0xC84E";
                damaged = within != 0;
                break;
            }
            if (recSize < FifoRecord.MIN_PAD || recSize % FifoRecord.HEAD_ALIGN != 0
                    || within + recSize > FifoRecord.ALIGN) {
                reason = "record size " + recSize + " is not 8-aligned inside one 512-byte block";
                damaged = true;
                break;
            }
            if (FifoRecord.headType(head) == FifoRecord.PAD) {
                if (within == 0) {
                    reason = "a PAD starts a 512-byte block";
                    damaged = true;
                    break;
                }
                off = (off + recSize) % size;
                scanned += recSize;
                continue;
            }
            byte[] bytes = vol.read(zone3(off), recSize, "UNDO/REDO record");
            if (recSize < FifoRecord.HEAD + FifoRecord.TAIL) {
                reason = "record of " + recSize + " bytes is too short";
                damaged = true;
                break;
            }
            if (FifoRecord.headSeq(bytes) != seq) {
                reason = "sequence number " + Integer.toUnsignedString(FifoRecord.headSeq(bytes)) + ", expected "
                        + Integer.toUnsignedString(seq);
                damaged = within != 0;
                break;
            }
            Object decoded = FifoRecord.decode(bytes);
            if (decoded instanceof String why) {
                reason = why;
                damaged = true;
                break;
            }
            records.add(new UndoSpan.Entry(off, (FifoRecord) decoded));
            off = (off + recSize) % size;
            scanned += recSize;
            end = off;
            seq++;
        }
        if (damaged || Math.floorMod(end - first, size) < Math.floorMod(headerNext - first, size)) {
            throw new HammerCorruptionException("UNDO/REDO record", zone3(off), reason + (damaged
                    ? " (a record cannot be torn by a crash: the FIFO is damaged where recovery must read it)"
                    : " inside the span the volume header records"));
        }
        return new UndoSpan(first, end, seq, headerNext, records, reason);
    }
}
