package org.odonata.fs.hammer.volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.fs.hammer.ondisk.ZoneOffset;

/**
 * Metadata blocks in memory. {@link #modify} must be called before a block changes (DragonFly's
 * {@code hammer_modify_node}): the first call in a flush group captures the block's current image, which
 * is what is on disk, as its UNDO image; blocks {@link #created} in this group need no UNDO because the
 * freemap rollback already makes their space unallocated. Dirty blocks stay pinned until the flusher writes
 * them; clean blocks are kept in an LRU of {@value #CLEAN_CAPACITY} blocks. All operations O(1).
 */
public final class MetaCache {

    static final int CLEAN_CAPACITY = 4096;

    private final Map<Long, MetaBlock> clean = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, MetaBlock> eldest) {
            return size() > CLEAN_CAPACITY;
        }
    };
    private final Map<Long, MetaBlock> dirty = new LinkedHashMap<>();
    /** UNDO image per dirty block, or null for a block created in this group. */
    private final Map<Long, byte[]> undoImages = new LinkedHashMap<>();

    /** The cached block at {@code offset}, or null. */
    public MetaBlock get(long offset) {
        long key = key(offset);
        MetaBlock b = dirty.get(key);
        return b != null ? b : clean.get(key);
    }

    /** Caches a block just read from disk. */
    public void loaded(MetaBlock block) {
        clean.put(key(block.offset()), block);
    }

    /** Call before changing {@code block}: captures its UNDO image on the first change in this group. */
    public void modify(MetaBlock block) {
        long key = key(block.offset());
        if (dirty.containsKey(key)) {
            return;
        }
        byte[] image = new byte[4096];
        block.serialize(image);
        clean.remove(key);
        dirty.put(key, block);
        undoImages.put(key, image);
    }

    /** Registers a block allocated in this group: written by the flusher, with no UNDO. */
    public void created(MetaBlock block) {
        long key = key(block.offset());
        clean.remove(key);
        dirty.put(key, block);
        undoImages.put(key, null);
    }

    /** Forgets a block whose space was freed. */
    public void freed(long offset) {
        long key = key(offset);
        clean.remove(key);
        dirty.remove(key);
        undoImages.remove(key);
    }

    public boolean hasDirty() {
        return !dirty.isEmpty();
    }

    /** UNDO images of the dirty blocks that existed before this group. */
    public List<UndoImage> undoImages() {
        List<UndoImage> out = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : undoImages.entrySet()) {
            if (e.getValue() != null) {
                out.add(new UndoImage(dirty.get(e.getKey()).offset(), e.getValue()));
            }
        }
        return out;
    }

    /** Dirty blocks that existed before this group: each will cost an UNDO record. O(dirty blocks). */
    public int undoCount() {
        int n = 0;
        for (byte[] image : undoImages.values()) {
            n += image != null ? 1 : 0;
        }
        return n;
    }

    public List<MetaBlock> dirtyBlocks() {
        return new ArrayList<>(dirty.values());
    }

    /** After the flusher wrote the dirty blocks: they become clean. */
    public void cleaned() {
        for (Map.Entry<Long, MetaBlock> e : dirty.entrySet()) {
            clean.put(e.getKey(), e.getValue());
        }
        dirty.clear();
        undoImages.clear();
    }

    /**
     * A flush group failed before its metadata was written: every block it modified goes back to the image it
     * had before (clean again, as on disk), and the blocks it created are forgotten.
     */
    public void rollback() {
        for (Map.Entry<Long, byte[]> e : undoImages.entrySet()) {
            if (e.getValue() != null) {
                clean.put(e.getKey(), dirty.get(e.getKey()).reload(e.getValue()));
            }
        }
        dirty.clear();
        undoImages.clear();
    }

    /** Drops everything; used after recovery rewrote blocks underneath the cache. */
    public void clear() {
        clean.clear();
        dirty.clear();
        undoImages.clear();
    }

    private static long key(long offset) {
        return ZoneOffset.withZone(offset, ZoneOffset.RAW_BUFFER);
    }
}
