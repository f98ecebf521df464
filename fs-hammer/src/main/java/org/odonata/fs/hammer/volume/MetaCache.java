package org.odonata.fs.hammer.volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.fs.hammer.ondisk.ZoneOffset;

/**
 * Metadata blocks in memory. {@link #modify} must be called before bytes of a block change, naming them
 * (DragonFly's {@code hammer_modify_node}, {@code hammer_modify_node_field}, {@code hammer_modify_buffer}): the
 * first call in a flush group keeps the block's current image, which is what is on disk, and every call adds
 * its range to the bytes the group's UNDO must cover, so UNDO holds exactly the ranges the operations
 * declared (a whole node for an insert, 64 bytes and the CRC for a deleted element, 16 bytes for a freemap
 * entry), as hammer_generate_undo lays them down. Blocks {@link #created} in this group need no UNDO because
 * the freemap rollback already makes their space unallocated. The kept image also lets a failed group be
 * {@link #rollback rolled back}. Dirty blocks stay pinned until the flusher writes them; clean blocks are
 * kept in an LRU of {@value #CLEAN_CAPACITY} blocks. All operations O(1) per block, except that declaring a
 * range recounts that block's UNDO ranges (O(ranges in the block)).
 */
public final class MetaCache {

    static final int CLEAN_CAPACITY = 4096;

    /** A block changed in this group: its image before the group (null if created in it) and the declared bytes. */
    private static final class Dirty {
        final MetaBlock block;
        final byte[] before;
        final BitSet declared = new BitSet(Volume.BLOCK);
        int ranges;

        Dirty(MetaBlock block, byte[] before) {
            this.block = block;
            this.before = before;
        }
    }

    private final BlockLru<MetaBlock> clean = new BlockLru<>(CLEAN_CAPACITY);
    private final Map<Long, Dirty> dirty = new LinkedHashMap<>();
    /** Bytes and ranges {@link #undoImages} will hold, kept as ranges are declared. */
    private long undoBytes;
    private long undoRanges;

    /** The cached block at {@code offset}, or null. */
    public MetaBlock get(long offset) {
        long key = key(offset);
        Dirty d = dirty.isEmpty() ? null : dirty.get(key);
        return d != null ? d.block : clean.get(key);
    }

    /** Caches a block just read from disk. */
    public void loaded(MetaBlock block) {
        clean.put(key(block.offset()), block);
    }

    /** Call before changing {@code length} bytes of {@code block} from byte {@code from}. */
    public void modify(MetaBlock block, int from, int length) {
        long key = key(block.offset());
        Dirty d = dirty.get(key);
        if (d == null) {
            byte[] image = new byte[Volume.BLOCK];
            block.serialize(image);
            clean.remove(key);
            d = new Dirty(block, image);
            dirty.put(key, d);
        }
        if (d.before == null || d.declared.nextClearBit(from) >= from + length) {
            return;
        }
        undoBytes -= d.declared.cardinality();
        undoRanges -= d.ranges;
        d.declared.set(from, from + length);
        d.ranges = 0;
        int start = d.declared.nextSetBit(0);
        while (start >= 0) {
            d.ranges++;
            start = d.declared.nextSetBit(d.declared.nextClearBit(start));
        }
        undoBytes += d.declared.cardinality();
        undoRanges += d.ranges;
    }

    /** Call before changing a whole block (hammer_modify_node_all). */
    public void modifyAll(MetaBlock block) {
        modify(block, 0, Volume.BLOCK);
    }

    /** Registers a block allocated in this group: written by the flusher, with no UNDO. */
    public void created(MetaBlock block) {
        long key = key(block.offset());
        clean.remove(key);
        forget(dirty.put(key, new Dirty(block, null)));
    }

    /** Forgets a block whose space was freed. */
    public void freed(long offset) {
        long key = key(offset);
        clean.remove(key);
        forget(dirty.remove(key));
    }

    private void forget(Dirty d) {
        if (d != null) {
            undoBytes -= d.declared.cardinality();
            undoRanges -= d.ranges;
        }
    }

    public boolean hasDirty() {
        return !dirty.isEmpty();
    }

    /** The UNDO this group needs: each declared range of a block that existed before it, with its old bytes. */
    public List<UndoImage> undoImages() {
        List<UndoImage> out = new ArrayList<>();
        for (Dirty d : dirty.values()) {
            if (d.before == null) {
                continue;
            }
            for (int start = d.declared.nextSetBit(0); start >= 0; ) {
                int end = d.declared.nextClearBit(start);
                out.add(new UndoImage(d.block.offset() + start, Arrays.copyOfRange(d.before, start, end)));
                start = d.declared.nextSetBit(end);
            }
        }
        return out;
    }

    /** Old bytes {@link #undoImages} will hold. O(1). */
    public long undoBytes() {
        return undoBytes;
    }

    /** Ranges (UNDO records before splitting) {@link #undoImages} will hold. O(1). */
    public long undoRanges() {
        return undoRanges;
    }

    public List<MetaBlock> dirtyBlocks() {
        List<MetaBlock> out = new ArrayList<>(dirty.size());
        for (Dirty d : dirty.values()) {
            out.add(d.block);
        }
        return out;
    }

    /** After the flusher wrote the dirty blocks: they become clean. */
    public void cleaned() {
        for (Map.Entry<Long, Dirty> e : dirty.entrySet()) {
            clean.put(e.getKey(), e.getValue().block);
        }
        dirty.clear();
        undoBytes = 0;
        undoRanges = 0;
    }

    /**
     * A flush group failed before its metadata was written: every block it modified goes back to the image it
     * had before (clean again, as on disk), and the blocks it created are forgotten.
     */
    public void rollback() {
        for (Map.Entry<Long, Dirty> e : dirty.entrySet()) {
            Dirty d = e.getValue();
            if (d.before != null) {
                clean.put(e.getKey(), d.block.reload(d.before));
            }
        }
        dirty.clear();
        undoBytes = 0;
        undoRanges = 0;
    }

    /** Drops everything; used after recovery rewrote blocks underneath the cache. */
    public void clear() {
        clean.clear();
        dirty.clear();
        undoBytes = 0;
        undoRanges = 0;
    }

    /**
     * The zone-independent offset, rotated so the block number is in the low bits: Long's hash of 4 KB-aligned
     * offsets puts 16 neighbouring blocks in one HashMap bin (a tree bin searched on every get).
     */
    private static long key(long offset) {
        return Long.rotateRight(ZoneOffset.withZone(offset, ZoneOffset.RAW_BUFFER), 12);
    }
}
