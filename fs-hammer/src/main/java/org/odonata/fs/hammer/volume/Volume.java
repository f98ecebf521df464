package org.odonata.fs.hammer.volume;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.ondisk.BlockmapEntry;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;

/**
 * One HAMMER volume on a block device (single volume: volume 0 is the whole filesystem). Translates zone
 * offsets to device offsets and refuses any offset outside the volume with a {@link HammerCorruptionException},
 * so a corrupt pointer can never reach the device as an invalid request. Every device request is 4 KB
 * aligned, which suits both 512- and 4096-byte sectors. Data written by the flusher is staged in 16 KB
 * buffers and written in one pass, and record data is read through an LRU of clean 16 KB buffers
 * ({@link DataBuffers}); a read-only mount that needed recovery keeps the restored blocks in an
 * in-memory overlay instead of writing them.
 */
public final class Volume {

    /** Metadata block and device request granularity. */
    public static final int BLOCK = 4096;
    /** Where the big-block area (zone-2 offset 0) starts on the device: after the header area. */
    public static final long BUF_BEG = 16384;
    /** Data I/O buffer size (HAMMER_BUFSIZE); small allocations never cross one. */
    public static final int DATA_BUFSIZE = 16384;
    public static final long MIN_BIGBLOCK = 64 * 1024;
    public static final long MAX_BIGBLOCK = 8 * 1024 * 1024;

    private final BlockDevice device;
    private final boolean readOnly;
    private final MetaCache meta = new MetaCache();
    private final TreeMap<Long, byte[]> stagedData = new TreeMap<>();
    private final Map<Long, byte[]> overlay = new HashMap<>();
    private final DataBuffers dataBuffers = new DataBuffers();
    private VolumeHeader header;
    /** The header as it was when this flush group first changed it, and the bytes changed under UNDO since. */
    private byte[] headerBefore;
    private final BitSet headerDeclared = new BitSet(VolumeHeader.SIZE);

    public Volume(BlockDevice device, VolumeHeader header, boolean readOnly) {
        this.device = device;
        this.header = header;
        this.readOnly = readOnly;
    }

    /** Reads the volume header and checks it against itself and the device. */
    public static VolumeHeader readHeader(BlockDevice device) {
        if (device.sizeBytes() < BUF_BEG) {
            throw new HammerCorruptionException("volume header", 0,
                    "device of " + device.sizeBytes() + " bytes is too small to hold a volume");
        }
        ByteBuffer buf = ByteBuffer.allocate(VolumeHeader.SIZE);
        device.read(0, buf);
        VolumeHeader h = VolumeHeader.parse(buf.array());
        checkGeometry(h, device.sizeBytes());
        return h;
    }

    private static void checkGeometry(VolumeHeader h, long deviceSize) {
        String s = "volume header";
        if (h.volNo() != 0 || h.volCount() != 1) {
            throw new HammerCorruptionException(s, 16, "volume " + h.volNo() + " of " + h.volCount()
                    + ": only single-volume filesystems are supported");
        }
        long bb = h.bigBlockSize();
        if (Long.bitCount(bb) != 1 || bb < MIN_BIGBLOCK || bb > MAX_BIGBLOCK) {
            throw new HammerCorruptionException(s, 40, "big-block size " + bb + " is not a power of two in [64K, 8M]");
        }
        if (h.bufBeg() != BUF_BEG) {
            throw new HammerCorruptionException(s, 32, "buffer area starts at " + h.bufBeg() + ", expected " + BUF_BEG);
        }
        if (h.volSize() > deviceSize) {
            throw new HammerCorruptionException(s, 24, "volume size " + h.volSize() + " exceeds the device size "
                    + deviceSize + " (truncated image?)");
        }
        long nbb = h.statBigBlocks();
        if (nbb <= 0 || h.volSize() != BUF_BEG + nbb * bb) {
            throw new HammerCorruptionException(s, 48, "volume size " + h.volSize() + " does not hold " + nbb
                    + " big-blocks of " + bb);
        }
        if (h.statFreeBigBlocks() < 0 || h.statFreeBigBlocks() > nbb) {
            throw new HammerCorruptionException(s, 56, "free big-blocks " + h.statFreeBigBlocks() + " out of range");
        }
        long area = nbb * bb;
        checkPointer(s, 64, h.btreeRoot(), ZoneOffset.BTREE, area, BLOCK);
        checkPointer("blockmap[4] of the volume header", 80 + 4 * BlockmapEntry.SIZE,
                h.blockmap(ZoneOffset.FREEMAP).physOffset(), ZoneOffset.RAW_BUFFER, area, BLOCK);
        BlockmapEntry undo = h.blockmap(ZoneOffset.UNDO);
        long undoSize = undo.allocOffset();
        String u = "blockmap[3] of the volume header";
        if (undoSize <= 0 || undoSize % bb != 0 || undoSize / bb > VolumeHeader.UNDO_ARRAY_SIZE) {
            throw new HammerCorruptionException(u, 80 + 3 * BlockmapEntry.SIZE, "UNDO size " + undoSize + " invalid");
        }
        checkPointer(u, 80 + 3 * BlockmapEntry.SIZE, undo.firstOffset(), ZoneOffset.UNDO, undoSize, 8);
        checkPointer(u, 80 + 3 * BlockmapEntry.SIZE, undo.nextOffset(), ZoneOffset.UNDO, undoSize, 8);
        for (int i = 0; i < undoSize / bb; i++) {
            checkPointer("UNDO array of the volume header", 736 + i * 8, h.undoArray(i), ZoneOffset.RAW_BUFFER, area, bb);
        }
        for (int z = ZoneOffset.BTREE; z <= ZoneOffset.SMALL_DATA; z++) {
            long next = h.blockmap(z).nextOffset();
            if (ZoneOffset.zone(next) != z || ZoneOffset.volume(next) != 0 || ZoneOffset.offset(next) > area) {
                throw new HammerCorruptionException("blockmap[" + z + "] of the volume header",
                        80 + z * BlockmapEntry.SIZE, "next offset " + ZoneOffset.hex(next) + " outside zone " + z);
            }
        }
        if (h.nextTid() <= 0) {
            throw new HammerCorruptionException(s, 720, "next TID " + h.nextTid() + " is not positive");
        }
    }

    private static void checkPointer(String structure, long at, long ptr, int zone, long limit, long align) {
        long off = ZoneOffset.offset(ptr);
        if (ZoneOffset.zone(ptr) != zone || ZoneOffset.volume(ptr) != 0 || off >= limit || off % align != 0) {
            throw new HammerCorruptionException(structure, at, "offset " + ZoneOffset.hex(ptr)
                    + " is not an aligned zone-" + zone + " offset inside the volume");
        }
    }

    public BlockDevice device() {
        return device;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public VolumeHeader header() {
        return header;
    }

    public MetaCache meta() {
        return meta;
    }

    public long bigBlockSize() {
        return header.bigBlockSize();
    }

    public long bigBlocks() {
        return header.statBigBlocks();
    }

    /** The device offset of a zone offset; throws if it lies outside the volume. */
    public long deviceOffset(long zoneOffset, int length, String structure) {
        int zone = ZoneOffset.zone(zoneOffset);
        long off = ZoneOffset.offset(zoneOffset);
        long dev;
        if (ZoneOffset.volume(zoneOffset) != 0) {
            throw new HammerCorruptionException(structure, zoneOffset, "volume " + ZoneOffset.volume(zoneOffset)
                    + " does not exist");
        }
        switch (zone) {
            case ZoneOffset.RAW_VOLUME -> dev = off;
            case ZoneOffset.RAW_BUFFER, ZoneOffset.FREEMAP, ZoneOffset.BTREE, ZoneOffset.META,
                    ZoneOffset.LARGE_DATA, ZoneOffset.SMALL_DATA -> dev = BUF_BEG + off;
            case ZoneOffset.UNDO -> {
                long bb = header.bigBlockSize();
                long undoSize = header.blockmap(ZoneOffset.UNDO).allocOffset();
                if (off >= undoSize || off % bb + length > bb) {
                    throw new HammerCorruptionException(structure, zoneOffset, "outside the UNDO FIFO of "
                            + undoSize + " bytes or across a big-block");
                }
                dev = BUF_BEG + ZoneOffset.offset(header.undoArray((int) (off / bb))) + off % bb;
            }
            default -> throw new HammerCorruptionException(structure, zoneOffset, "zone " + zone
                    + " is not addressable");
        }
        if (length < 0 || dev < 0 || dev + length > header.volSize()) {
            throw new HammerCorruptionException(structure, zoneOffset, length + " bytes do not fit inside the volume of "
                    + header.volSize() + " bytes");
        }
        return dev;
    }

    /** Reads {@code length} bytes of {@code structure} at a zone offset. */
    public byte[] read(long zoneOffset, int length, String structure) {
        long dev = deviceOffset(zoneOffset, length, structure);
        int zone = ZoneOffset.zone(zoneOffset);
        if (zone >= ZoneOffset.META && zone <= ZoneOffset.SMALL_DATA) {
            return readData(dev, length);
        }
        long start = dev & -BLOCK;
        long end = (dev + length + BLOCK - 1) & -BLOCK;
        byte[] blocks = readDevice(start, (int) (end - start));
        byte[] out = new byte[length];
        System.arraycopy(blocks, (int) (dev - start), out, 0, length);
        return out;
    }

    /**
     * Record data (zones 9–11) in place in its 16 KB data buffer, as hammer_bread_ext returns it; data spanning
     * buffers (large data) comes as a copy. Touches the data buffers exactly as {@link #read} does.
     */
    public DataSlice readSlice(long zoneOffset, int length, String structure) {
        int zone = ZoneOffset.zone(zoneOffset);
        if (zone < ZoneOffset.META || zone > ZoneOffset.SMALL_DATA) {
            return new DataSlice(read(zoneOffset, length, structure), 0, length);
        }
        long dev = deviceOffset(zoneOffset, length, structure);
        long buf = bufferStart(dev);
        if (length == 0 || dev + length > buf + DATA_BUFSIZE) {
            return new DataSlice(readData(dev, length), 0, length);
        }
        return new DataSlice(dataBuffer(buf), (int) (dev - buf), length);
    }

    /** Record data through the clean data buffers, or from the staged buffer it was just written into. */
    private byte[] readData(long dev, int length) {
        byte[] out = new byte[length];
        long pos = dev;
        while (pos < dev + length) {
            long buf = bufferStart(pos);
            byte[] b = dataBuffer(buf);
            int n = (int) Math.min(dev + length - pos, buf + DATA_BUFSIZE - pos);
            System.arraycopy(b, (int) (pos - buf), out, (int) (pos - dev), n);
            pos += n;
        }
        return out;
    }

    /** The 16 KB data buffer at device offset {@code buf}: staged, cached, or read (and cached). */
    private byte[] dataBuffer(long buf) {
        byte[] b = stagedData.isEmpty() ? null : stagedData.get(buf);
        if (b == null) {
            b = dataBuffers.get(buf);
        }
        if (b == null) {
            long generation = dataBuffers.generation();
            b = readDevice(buf, DATA_BUFSIZE);
            dataBuffers.loaded(buf, b, generation);
        }
        return b;
    }

    /** The device offset of the 16 KB data buffer holding device byte {@code dev}. */
    static long bufferStart(long dev) {
        return dev - (dev - BUF_BEG) % DATA_BUFSIZE;
    }

    /** Reads whole blocks from the device, seeing the recovery overlay and data staged but not yet written. */
    private byte[] readDevice(long start, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length);
        device.read(start, buf);
        byte[] bytes = buf.array();
        if (!overlay.isEmpty()) {
            for (long b = start; b < start + length; b += BLOCK) {
                byte[] o = overlay.get(b);
                if (o != null) {
                    System.arraycopy(o, 0, bytes, (int) (b - start), BLOCK);
                }
            }
        }
        if (!stagedData.isEmpty()) {
            for (Map.Entry<Long, byte[]> e : stagedData.subMap(start - DATA_BUFSIZE + 1, start + length).entrySet()) {
                long from = Math.max(start, e.getKey());
                long to = Math.min(start + length, e.getKey() + DATA_BUFSIZE);
                System.arraycopy(e.getValue(), (int) (from - e.getKey()), bytes, (int) (from - start), (int) (to - from));
            }
        }
        return bytes;
    }

    /** Writes whole, aligned blocks at a zone offset. */
    public void write(long zoneOffset, byte[] bytes, boolean fua) {
        long dev = deviceOffset(zoneOffset, bytes.length, "write");
        if (dev % BLOCK != 0 || bytes.length % BLOCK != 0) {
            throw new IllegalArgumentException("unaligned write of " + bytes.length + " bytes at " + ZoneOffset.hex(zoneOffset));
        }
        checkWritable();
        dataBuffers.invalidate(dev, bytes.length);
        device.write(dev, ByteBuffer.wrap(bytes), fua);
    }

    /**
     * Overwrites a byte range in place, as recovery does to apply an UNDO record: a read-modify-write of the
     * enclosing blocks on a read-write mount, an overlay on a read-only one.
     */
    public void patch(long zoneOffset, byte[] bytes, String structure) {
        long dev = deviceOffset(zoneOffset, bytes.length, structure);
        long start = dev & -BLOCK;
        long end = (dev + bytes.length + BLOCK - 1) & -BLOCK;
        byte[] blocks = readDevice(start, (int) (end - start));
        System.arraycopy(bytes, 0, blocks, (int) (dev - start), bytes.length);
        if (readOnly) {
            for (long b = start; b < end; b += BLOCK) {
                byte[] block = new byte[BLOCK];
                System.arraycopy(blocks, (int) (b - start), block, 0, BLOCK);
                overlay.put(b, block);
            }
        } else {
            device.write(start, ByteBuffer.wrap(blocks), false);
        }
        dataBuffers.invalidate(start, end - start);
    }

    /** Makes every completed write durable. */
    public void flushDevice() {
        checkWritable();
        device.flush();
    }

    /** Writes the in-memory header to the device; with {@code fua} it is durable on return. */
    public void writeHeader(boolean fua) {
        write(ZoneOffset.encode(ZoneOffset.RAW_VOLUME, 0, 0), header.serialize(), fua);
    }

    /** The header block as the device (and the recovery overlay) holds it. */
    public byte[] headerImage() {
        return readDevice(0, VolumeHeader.SIZE);
    }

    /**
     * Installs a header image that recovery patched: reseals its CRCs, checks it, and writes it with FUA
     * (a read-only mount keeps it in the overlay). Drops cached metadata, which recovery rewrote underneath.
     */
    public void replaceHeader(byte[] image) {
        VolumeHeader.resealCrc(image);
        VolumeHeader h = VolumeHeader.parse(image);
        checkGeometry(h, device.sizeBytes());
        if (readOnly) {
            overlay.put(0L, image.clone());
        } else {
            device.write(0, ByteBuffer.wrap(image.clone()), true);
        }
        header = h;
        meta.clear();
    }

    /** hammer_alloc_tid: the next transaction id, persisted as vol0_next_tid by the next header write. */
    public long allocTid() {
        long tid = header.nextTid();
        header.setNextTid(tid + 1);
        return tid;
    }

    /**
     * Call before changing header bytes [{@code from}, {@code from + length}) under UNDO (hammer_modify_volume_field):
     * the first call in a flush group keeps the header's image, and the range joins what the group's UNDO covers.
     * The UNDO pointers and next_tid are written without UNDO and are never declared.
     */
    public void modifyHeader(int from, int length) {
        if (headerBefore == null) {
            headerBefore = header.serialize();
        }
        headerDeclared.set(from, from + length);
    }

    /** The header's UNDO images for this group (empty if unchanged); resets the capture. */
    public List<UndoImage> takeHeaderUndo() {
        List<UndoImage> out = headerUndoImages();
        headerBefore = null;
        headerDeclared.clear();
        return out;
    }

    /** The header's UNDO images for this group, one per declared range (empty if unchanged), keeping the capture. */
    public List<UndoImage> headerUndoImages() {
        List<UndoImage> out = new ArrayList<>();
        for (int start = headerDeclared.nextSetBit(0); start >= 0; ) {
            int end = headerDeclared.nextClearBit(start);
            out.add(new UndoImage(ZoneOffset.encode(ZoneOffset.RAW_VOLUME, 0, start),
                    Arrays.copyOfRange(headerBefore, start, end)));
            start = headerDeclared.nextSetBit(end);
        }
        return out;
    }

    /**
     * A failed flush group's header changes are undone in memory from the image {@link #modifyHeader} kept: the
     * B-tree root, statistics and zone blockmaps return, next_tid does not (a TID is never reused).
     */
    public void rollbackHeader() {
        if (headerBefore == null) {
            return;
        }
        long nextTid = header.nextTid();
        header = VolumeHeader.parse(headerBefore);
        header.setNextTid(nextTid);
        takeHeaderUndo();
    }

    /** A failed flush group's staged data is dropped: its space returns with the rolled-back freemap. */
    public void dropStagedData() {
        stagedData.clear();
    }

    /** Copies data bytes into the staged 16 KB buffers; they reach the device at {@link #writeStagedData}. */
    public void stageData(long zoneOffset, byte[] bytes) {
        long dev = deviceOffset(zoneOffset, bytes.length, "data");
        int done = 0;
        while (done < bytes.length) {
            long pos = dev + done;
            long bufStart = bufferStart(pos);
            byte[] buf = stagedData.get(bufStart);
            if (buf == null) {
                buf = readDevice(bufStart, DATA_BUFSIZE);
                stagedData.put(bufStart, buf);
                dataBuffers.invalidate(bufStart, DATA_BUFSIZE);
            }
            int n = (int) Math.min(bytes.length - done, bufStart + DATA_BUFSIZE - pos);
            System.arraycopy(bytes, done, buf, (int) (pos - bufStart), n);
            done += n;
        }
    }

    /** Flush phase 1: writes the staged data buffers (never over live data: allocation is append-only). */
    public void writeStagedData() {
        checkWritable();
        for (Map.Entry<Long, byte[]> e : stagedData.entrySet()) {
            device.write(e.getKey(), ByteBuffer.wrap(e.getValue()), false);
            dataBuffers.put(e.getKey(), e.getValue());
        }
        stagedData.clear();
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("volume is mounted read-only");
        }
    }
}
