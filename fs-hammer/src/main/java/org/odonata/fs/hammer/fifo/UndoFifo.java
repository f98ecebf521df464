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
 * at {@link #next()} with consecutive sequence numbers, never across a big-block (a PAD fills the rest), and
 * never over the span that starts at the header's first offset, which recovery may still need. Appends are
 * buffered per 4 KB block and reach the device at {@link #write}. Appending costs a copy; scanning reads
 * each record once.
 */
public final class UndoFifo {

    private final Volume vol;
    private final TreeMap<Long, byte[]> pending = new TreeMap<>();
    private long next;
    private int nextSeq;

    public UndoFifo(Volume vol, long next, int nextSeq) {
        this.vol = vol;
        this.next = next;
        this.nextSeq = nextSeq;
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

    /** Appends a record (padding to the next big-block if it does not fit in this one); returns its offset. */
    public long append(FifoRecord r) {
        long bb = vol.bigBlockSize();
        if (r.size() > bb) {
            throw new IllegalArgumentException("FIFO record of " + r.size() + " bytes exceeds a big-block");
        }
        if (r.size() > free()) {
            throw new HammerException(Errno.ENOSPC, "UNDO FIFO (" + free() + " bytes free, " + r.size() + " needed)");
        }
        if (next % bb + r.size() > bb) {
            appendRaw(FifoRecord.pad((int) (bb - next % bb)));
        }
        long at = next;
        appendRaw(r);
        return at;
    }

    private void appendRaw(FifoRecord r) {
        byte[] bytes = r.withSeq(nextSeq).encode();
        int done = 0;
        while (done < bytes.length) {
            long pos = next + done;
            long block = pos & -Volume.BLOCK;
            byte[] buf = pending.get(block);
            if (buf == null) {
                buf = pos == block ? new byte[Volume.BLOCK] : vol.read(zone3(block), Volume.BLOCK, "UNDO FIFO block");
                pending.put(block, buf);
            }
            int n = (int) Math.min(bytes.length - done, block + Volume.BLOCK - pos);
            System.arraycopy(bytes, done, buf, (int) (pos - block), n);
            done += n;
        }
        next = (next + bytes.length) % size();
        nextSeq++;
    }

    /**
     * Forgets every record appended since the FIFO was at {@code at} with sequence number {@code seq} (a failed
     * flush group): buffered ones are dropped, written ones lie past the header's next offset and are overwritten
     * by the next records, which reuse their sequence numbers.
     */
    public void rewind(long at, int seq) {
        pending.clear();
        next = at;
        nextSeq = seq;
    }

    /** Writes the appended records; with {@code fua} they are durable on return. */
    public void write(boolean fua) {
        for (Map.Entry<Long, byte[]> e : pending.entrySet()) {
            vol.write(zone3(e.getKey()), e.getValue(), fua);
        }
        pending.clear();
    }

    static long zone3(long offset) {
        return ZoneOffset.encode(ZoneOffset.UNDO, 0, offset);
    }

    /**
     * Scans the span from the header's first offset while sequence numbers stay continuous (DragonFly's
     * version 4+ rule: the header's next offset may lag). A record that fails inside the range the header
     * itself recorded is corruption.
     */
    public static UndoSpan scan(Volume vol) {
        var bm = vol.header().blockmap(ZoneOffset.UNDO);
        long size = bm.allocOffset();
        long bb = vol.bigBlockSize();
        long first = ZoneOffset.offset(bm.firstOffset());
        long headerNext = ZoneOffset.offset(bm.nextOffset());
        int seq = vol.header().undoSeqFirst();
        long off = first;
        String reason = null;
        List<UndoSpan.Entry> records = new ArrayList<>();
        while (records.isEmpty() || off != first) {
            byte[] head = vol.read(zone3(off), FifoRecord.HEAD, "UNDO/REDO record head");
            int recSize = FifoRecord.headSize(head);
            if (recSize < 0) {
                reason = "head signature is not 0xC84E";
                break;
            }
            if (recSize < FifoRecord.ALIGN || recSize % FifoRecord.ALIGN != 0 || off % bb + recSize > bb) {
                reason = "record size " + recSize + " is not 512-aligned inside one big-block";
                break;
            }
            if (FifoRecord.headSeq(head) != seq) {
                reason = "sequence number " + Integer.toUnsignedString(FifoRecord.headSeq(head)) + ", expected "
                        + Integer.toUnsignedString(seq);
                break;
            }
            Object decoded = FifoRecord.decode(vol.read(zone3(off), recSize, "UNDO/REDO record"));
            if (decoded instanceof String why) {
                reason = why;
                break;
            }
            records.add(new UndoSpan.Entry(off, (FifoRecord) decoded));
            off = (off + recSize) % size;
            seq++;
        }
        if (Math.floorMod(off - first, size) < Math.floorMod(headerNext - first, size)) {
            throw new HammerCorruptionException("UNDO/REDO record", zone3(off),
                    reason + " inside the span the volume header records");
        }
        return new UndoSpan(first, off, seq, headerNext, records, reason == null ? "full lap" : reason);
    }
}
