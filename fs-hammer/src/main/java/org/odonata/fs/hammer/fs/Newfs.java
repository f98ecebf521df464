package org.odonata.fs.hammer.fs;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.ondisk.BlockmapEntry;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.MetaBlock;
import org.odonata.fs.hammer.volume.Volume;

/**
 * Writes an empty volume (newfs_hammer): the header, the freemap with its own and the UNDO FIFO's big-blocks
 * claimed, and an empty root leaf. Writes O(freemap size) bytes, so a large sparse volume formats quickly.
 * If the device held a HAMMER volume, the new FIFO's sequence numbers continue past the old ones, so stale
 * FIFO records can never look continuous to recovery.
 */
final class Newfs {

    /** The first TID unless the options give one; DragonFly derives it from the time of day. */
    static final long FIRST_TID = 0x0000000100000000L;

    private Newfs() {
    }

    static void format(BlockDevice dev, NewfsOptions o) {
        long bb = o.bigBlockSize();
        if (Long.bitCount(bb) != 1 || bb < Volume.MIN_BIGBLOCK || bb > Volume.MAX_BIGBLOCK) {
            throw new IllegalArgumentException("big-block size " + bb + " is not a power of two in [64K, 8M]");
        }
        long nbb = (dev.sizeBytes() - Volume.BUF_BEG) / bb;
        long freemapBbs = (Blockmap.freemapBytes(Math.max(nbb, 0)) + bb - 1) / bb;
        int undoBbs = o.undoBigBlocks() > 0 ? o.undoBigBlocks() : (int) Math.clamp(nbb / 32, 2, 128);
        if (undoBbs > VolumeHeader.UNDO_ARRAY_SIZE) {
            throw new IllegalArgumentException("UNDO FIFO of " + undoBbs + " big-blocks exceeds " + VolumeHeader.UNDO_ARRAY_SIZE);
        }
        long needed = freemapBbs + undoBbs + 4 + 1;
        if (nbb < needed) {
            throw new IllegalArgumentException("device of " + dev.sizeBytes() + " bytes holds " + Math.max(nbb, 0)
                    + " big-blocks of " + bb + "; a volume needs at least " + needed);
        }
        int seq = priorSequence(dev);
        VolumeHeader h = new VolumeHeader();
        h.setVersion(o.version());
        h.setGeometry(Volume.BUF_BEG + nbb * bb, Volume.BUF_BEG, bb, nbb);
        h.setStatFreeBigBlocks(nbb - freemapBbs - undoBbs);
        Map<Long, Integer> claimed = new HashMap<>();
        for (long i = 0; i < freemapBbs; i++) {
            claimed.put(i, ZoneOffset.FREEMAP);
        }
        long undoStart = ZoneOffset.encode(ZoneOffset.UNDO, 0, 0);
        for (int i = 0; i < undoBbs; i++) {
            claimed.put(freemapBbs + i, ZoneOffset.UNDO);
            h.setUndoArray(i, ZoneOffset.encode(ZoneOffset.RAW_BUFFER, 0, (freemapBbs + i) * bb));
        }
        h.setBlockmap(ZoneOffset.FREEMAP, new BlockmapEntry(ZoneOffset.encode(ZoneOffset.RAW_BUFFER, 0, 0), 0, 0, 0));
        h.setBlockmap(ZoneOffset.UNDO, new BlockmapEntry(0, undoStart, undoStart, undoBbs * bb));
        long firstFree = (freemapBbs + undoBbs) * bb;
        for (int z = ZoneOffset.BTREE; z <= ZoneOffset.SMALL_DATA; z++) {
            h.setBlockmap(z, new BlockmapEntry(0, 0, ZoneOffset.encode(z, 0, firstFree), 0));
        }
        h.setNextTid(o.firstTid() > 0 ? o.firstTid() : FIRST_TID);
        h.setUndoSeqFirst(seq);
        for (Map.Entry<Long, byte[]> e : Blockmap.format(h, claimed).entrySet()) {
            dev.write(Volume.BUF_BEG + ZoneOffset.offset(e.getKey()), ByteBuffer.wrap(e.getValue()), false);
        }
        dev.write(Volume.BUF_BEG + freemapBbs * bb, ByteBuffer.allocate(Volume.BLOCK), false);

        Volume vol = new Volume(dev, h, false);
        BTree.createRoot(vol, new Blockmap(vol));
        for (MetaBlock b : vol.meta().dirtyBlocks()) {
            byte[] image = new byte[Volume.BLOCK];
            b.serialize(image);
            vol.write(b.offset(), image, false);
        }
        vol.meta().cleaned();
        vol.takeHeaderUndo();
        vol.flushDevice();
        vol.writeHeader(true);
    }

    /** A sequence number past every FIFO record a previous volume on this device may have left. */
    private static int priorSequence(BlockDevice dev) {
        try {
            VolumeHeader old = Volume.readHeader(dev);
            long records = old.blockmap(ZoneOffset.UNDO).allocOffset() / 512;
            return (int) (old.undoSeqFirst() + records + 1);
        } catch (HammerException notHammer) {
            return 0;
        }
    }
}
