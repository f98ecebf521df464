package org.odonata.fs.hammer.ondisk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/**
 * The volume header (the first 4 KB of the volume): signature {@code HAMMER01}, version, geometry, the B-tree
 * root, the 16 zone blockmaps, the next TID, the UNDO array, and a CRC32C over everything after the CRC.
 * Mutable: the volume keeps one in memory and the flusher writes it. Single volume (volume 0 only).
 * <p>
 * The fields changed under UNDO are the B-tree root, the free big-block count and the zone blockmaps other than
 * the UNDO zone's ({@link #BTREE_ROOT_AT}, {@link #FREE_BIGBLOCKS_AT}, {@link #blockmapAt}); the UNDO pointers
 * and next TID are written without UNDO, exactly as DragonFly's {@code hammer_flusher_finalize} does.
 */
public final class VolumeHeader {

    public static final int SIZE = 4096;
    public static final byte[] SIGNATURE = "HAMMER01".getBytes(StandardCharsets.US_ASCII);
    /** The version newfs writes: {@link #VERSION_DIRHASH_ALG1}. */
    public static final int VERSION = 8;
    /** Version 7: the v4 UNDO/REDO FIFO format and CRC32C; the oldest version mounted. */
    public static final int MIN_VERSION = 7;
    /** Version 8: new directories hash their names with ALG1 (HAMMER_VOL_VERSION_SIX, hammer_create_inode). */
    public static final int VERSION_DIRHASH_ALG1 = 8;
    public static final int UNDO_ARRAY_SIZE = 128;
    /** Where vol0_stat_freebigblocks (8 bytes) lies. */
    public static final int FREE_BIGBLOCKS_AT = 56;
    /** Where vol0_btree_root (8 bytes) lies. */
    public static final int BTREE_ROOT_AT = 64;

    private static final int CRC_AT = 12;

    private int version = VERSION;
    private int volNo;
    private int volCount = 1;
    private long volSize;
    private long bufBeg;
    private long bigBlockSize;
    private long statBigBlocks;
    private long statFreeBigBlocks;
    private long btreeRoot;
    private final BlockmapEntry[] blockmaps = new BlockmapEntry[ZoneOffset.ZONES];
    private long nextTid;
    /** Simplification: DragonFly finds the first sequence number by scanning backwards from first_offset. */
    private int undoSeqFirst;
    private final long[] undoArray = new long[UNDO_ARRAY_SIZE];

    public VolumeHeader() {
        Arrays.fill(blockmaps, BlockmapEntry.EMPTY);
    }

    /** Where the blockmap entry of {@code zone} ({@link BlockmapEntry#SIZE} bytes) lies. */
    public static int blockmapAt(int zone) {
        return 80 + zone * BlockmapEntry.SIZE;
    }

    public byte[] serialize() {
        byte[] bytes = new byte[SIZE];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(0, SIGNATURE);
        buf.putInt(8, version).putInt(16, volNo).putInt(20, volCount).putLong(24, volSize).putLong(32, bufBeg)
                .putLong(40, bigBlockSize).putLong(48, statBigBlocks).putLong(56, statFreeBigBlocks)
                .putLong(64, btreeRoot);
        for (int z = 0; z < ZoneOffset.ZONES; z++) {
            blockmaps[z].write(buf, 80 + z * BlockmapEntry.SIZE);
        }
        buf.putLong(720, nextTid).putInt(728, undoSeqFirst);
        for (int i = 0; i < UNDO_ARRAY_SIZE; i++) {
            buf.putLong(736 + i * 8, undoArray[i]);
        }
        buf.putInt(CRC_AT, Crc32c.of(bytes, CRC_AT + 4, SIZE - CRC_AT - 4));
        return bytes;
    }

    /** Parses and checks signature, version and CRCs; geometry is checked against the device by the volume. */
    public static VolumeHeader parse(byte[] bytes) {
        if (bytes.length < SIZE) {
            throw new HammerCorruptionException("volume header", 0, "truncated to " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(bytes, 0, 8, SIGNATURE, 0, 8)) {
            throw new HammerCorruptionException("volume header", 0, "signature is not HAMMER01");
        }
        int version = buf.getInt(8);
        if (version < MIN_VERSION || version > VERSION) {
            throw new HammerCorruptionException("volume header", 8, "version " + version + ", expected "
                    + MIN_VERSION + " to " + VERSION);
        }
        if (buf.getInt(CRC_AT) != Crc32c.of(bytes, CRC_AT + 4, SIZE - CRC_AT - 4)) {
            throw new HammerCorruptionException("volume header", CRC_AT, "header CRC mismatch");
        }
        VolumeHeader h = new VolumeHeader();
        h.version = version;
        h.volNo = buf.getInt(16);
        h.volCount = buf.getInt(20);
        h.volSize = buf.getLong(24);
        h.bufBeg = buf.getLong(32);
        h.bigBlockSize = buf.getLong(40);
        h.statBigBlocks = buf.getLong(48);
        h.statFreeBigBlocks = buf.getLong(56);
        h.btreeRoot = buf.getLong(64);
        for (int z = 0; z < ZoneOffset.ZONES; z++) {
            h.blockmaps[z] = BlockmapEntry.read(buf, 80 + z * BlockmapEntry.SIZE, z);
        }
        h.nextTid = buf.getLong(720);
        h.undoSeqFirst = buf.getInt(728);
        for (int i = 0; i < UNDO_ARRAY_SIZE; i++) {
            h.undoArray[i] = buf.getLong(736 + i * 8);
        }
        return h;
    }

    /** Recomputes the CRCs of bytes that recovery patched in place (the UNDO'd ranges). */
    public static void resealCrc(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int z = 0; z < ZoneOffset.ZONES; z++) {
            int at = 80 + z * BlockmapEntry.SIZE;
            buf.putInt(at + 36, Crc32c.of(bytes, at, 32));
        }
        buf.putInt(CRC_AT, Crc32c.of(bytes, CRC_AT + 4, SIZE - CRC_AT - 4));
    }

    /** The on-disk format version (hammer_volume_ondisk.vol_version). */
    public int version() {
        return version;
    }

    /** newfs_hammer -V: the version a new volume is formatted with. */
    public void setVersion(int v) {
        if (v < MIN_VERSION || v > VERSION) {
            throw new IllegalArgumentException("HAMMER volume version " + v + " is not one of " + MIN_VERSION + " to "
                    + VERSION);
        }
        this.version = v;
    }

    public int volNo() {
        return volNo;
    }

    public int volCount() {
        return volCount;
    }

    public long volSize() {
        return volSize;
    }

    public long bufBeg() {
        return bufBeg;
    }

    public long bigBlockSize() {
        return bigBlockSize;
    }

    public long statBigBlocks() {
        return statBigBlocks;
    }

    public long statFreeBigBlocks() {
        return statFreeBigBlocks;
    }

    public long btreeRoot() {
        return btreeRoot;
    }

    public BlockmapEntry blockmap(int zone) {
        return blockmaps[zone];
    }

    public long nextTid() {
        return nextTid;
    }

    public int undoSeqFirst() {
        return undoSeqFirst;
    }

    public long undoArray(int index) {
        return undoArray[index];
    }

    public void setGeometry(long volSize, long bufBeg, long bigBlockSize, long statBigBlocks) {
        this.volSize = volSize;
        this.bufBeg = bufBeg;
        this.bigBlockSize = bigBlockSize;
        this.statBigBlocks = statBigBlocks;
    }

    public void setStatFreeBigBlocks(long statFreeBigBlocks) {
        this.statFreeBigBlocks = statFreeBigBlocks;
    }

    public void setBtreeRoot(long btreeRoot) {
        this.btreeRoot = btreeRoot;
    }

    public void setBlockmap(int zone, BlockmapEntry entry) {
        blockmaps[zone] = entry;
    }

    public void setNextTid(long nextTid) {
        this.nextTid = nextTid;
    }

    public void setUndoSeqFirst(int undoSeqFirst) {
        this.undoSeqFirst = undoSeqFirst;
    }

    public void setUndoArray(int index, long zone2Offset) {
        undoArray[index] = zone2Offset;
    }
}
