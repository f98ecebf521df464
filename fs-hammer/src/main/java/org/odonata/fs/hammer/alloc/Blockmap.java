package org.odonata.fs.hammer.alloc;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.ondisk.FreemapLayer1;
import org.odonata.fs.hammer.ondisk.FreemapLayer2;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.MetaBlock;
import org.odonata.fs.hammer.volume.Volume;

/**
 * Per-zone append allocation over the freemap. Each zone (B-tree, meta, large data, small data) appends
 * into its current big-block and claims the next free one when it fills up, so nothing is ever overwritten
 * in place. Freed bytes only raise the big-block's {@code bytes_free}; a big-block returns to the free pool
 * when it is entirely free, and is not reused before the flush cycle that freed it has been committed
 * (DragonFly's delayed-reuse reservations), so a crash can never roll back a pointer to reused space.
 * Allocation is O(1) except when a big-block fills, which scans layer 2 for the next free one. Every freemap
 * and header change goes through the metadata cache, so it is covered by UNDO.
 * <p>
 * Two guards DragonFly does not have: {@link #checkSpace} is hammer_checkspace, the front end's refusal of new
 * work when free big-blocks run short; and a freemap that calls a big-block free although the B-tree still
 * reaches something in it (a CRC-valid lie) is caught when that big-block would be claimed, never overwritten:
 * {@link #guard} takes the big-blocks the tree reached when the mount first flushed (DragonFly trusts
 * layer 2 here, hammer_blockmap_alloc, and leaves the lie to the offline {@code hammer checkmap}).
 */
public final class Blockmap {

    private final Volume vol;
    /** Big-blocks freed entirely, and the flush cycle that freed them. */
    private final Map<Long, Long> delayedReuse = new HashMap<>();
    private long cycle;
    private long committedCycle;
    /** Big-blocks something reachable lived in when the guard was taken, less those freed since; null until then. */
    private BitSet reached;

    public Blockmap(Volume vol) {
        this.vol = vol;
    }

    /**
     * The freemap of a new volume: a layer 1 block followed by the layer 2 arrays, at zone-2 offset 0.
     *
     * @param claimed big-block index → owning zone, for the big-blocks the format reserves (freemap, UNDO)
     * @return zone-4 offset → 4 KB block to write
     */
    public static Map<Long, byte[]> format(VolumeHeader h, Map<Long, Integer> claimed) {
        long nbb = h.statBigBlocks();
        long bb = h.bigBlockSize();
        Map<Long, byte[]> blocks = new HashMap<>();
        byte[] layer1 = new byte[Volume.BLOCK];
        long l1count = (nbb + FreemapLayer1.BIGBLOCKS - 1) / FreemapLayer1.BIGBLOCKS;
        for (int i = 0; i < l1count; i++) {
            long phys = Volume.BLOCK + (long) i * FreemapLayer1.BIGBLOCKS * FreemapLayer2.SIZE;
            long covered = Math.min(FreemapLayer1.BIGBLOCKS, nbb - (long) i * FreemapLayer1.BIGBLOCKS);
            long free = 0;
            for (long j = 0; j < covered; j++) {
                long index = (long) i * FreemapLayer1.BIGBLOCKS + j;
                Integer zone = claimed.get(index);
                FreemapLayer2 l2 = zone == null ? FreemapLayer2.free(bb) : new FreemapLayer2(zone, (int) bb, 0);
                free += zone == null ? 1 : 0;
                long at = phys + j * FreemapLayer2.SIZE;
                byte[] block = blocks.computeIfAbsent(ZoneOffset.encode(ZoneOffset.FREEMAP, 0, at & -Volume.BLOCK),
                        k -> new byte[Volume.BLOCK]);
                l2.write(block, (int) (at % Volume.BLOCK));
            }
            new FreemapLayer1(ZoneOffset.encode(ZoneOffset.RAW_BUFFER, 0, phys), free).write(layer1, i * FreemapLayer1.SIZE);
        }
        blocks.put(ZoneOffset.encode(ZoneOffset.FREEMAP, 0, 0), layer1);
        return blocks;
    }

    /** Bytes of freemap a volume of {@code bigBlocks} needs. */
    public static long freemapBytes(long bigBlocks) {
        return Volume.BLOCK + bigBlocks * FreemapLayer2.SIZE;
    }

    /** The flusher tells the allocator which cycle is running and which was last committed. */
    public void beginCycle(long cycle, long committedCycle) {
        this.cycle = cycle;
        committed(committedCycle);
    }

    /** The flusher committed up to {@code committedCycle}: the big-blocks freed until then may be reused. */
    public void committed(long committedCycle) {
        this.committedCycle = committedCycle;
        delayedReuse.values().removeIf(c -> c <= committedCycle);
    }

    /** Whether {@link #guard} has been given the reachable big-blocks yet. */
    public boolean guarded() {
        return reached != null;
    }

    /** Installs the big-blocks the B-tree (and the fixed structures) reach: none of them may be claimed as free. */
    public void guard(BitSet reachable) {
        reached = (BitSet) reachable.clone();
    }

    /**
     * hammer_checkspace (hammer_blockmap.c): refuses with ENOSPC unless the free big-blocks cover what pending
     * changes need ({@code reservedBytes}), the big-blocks freed but not yet reusable (rsv_fromdelay) and the
     * slop. DragonFly also counts hammer_limit_dirtybufspace; dirty metadata here lives in space already
     * allocated. Simplification for small test volumes: a slop chunk is min(8 MB, volume / 256), but a slop of
     * 10 or more chunks keeps at least one big-block per 10 chunks.
     */
    public void checkSpace(Slop slop, long reservedBytes, String what) {
        if (!hasSpace(slop, reservedBytes)) {
            long bb = vol.bigBlockSize();
            throw new HammerException(Errno.ENOSPC, what + " (" + vol.header().statFreeBigBlocks() + " free big-blocks of "
                    + (bb >> 10) + " KB; pending changes and the " + slop.name().toLowerCase(java.util.Locale.ROOT)
                    + " reserve need " + (needed(slop, reservedBytes) + bb - 1) / bb
                    + ": remove files and prune, then reblock)");
        }
    }

    /** {@link #checkSpace} as a test. */
    public boolean hasSpace(Slop slop, long reservedBytes) {
        return vol.header().statFreeBigBlocks() >= needed(slop, reservedBytes) / vol.bigBlockSize();
    }

    private long needed(Slop slop, long reservedBytes) {
        long bb = vol.bigBlockSize();
        long chunk = Math.min(8L << 20, vol.header().volSize() / 256);
        long slopBytes = Math.max(slop.chunks * chunk, (slop.chunks / 10) * bb);
        return reservedBytes + delayedBigBlocks() * bb + slopBytes;
    }

    /** Big-blocks freed but not reusable before the flush cycle that freed them commits (rsv_fromdelay). */
    private long delayedBigBlocks() {
        long n = 0;
        for (long freedAt : delayedReuse.values()) {
            n += freedAt > committedCycle ? 1 : 0;
        }
        return n;
    }

    /** A failed flush group is rolled back: big-blocks it freed are not pending reuse (their freeing is undone). */
    public void rollbackCycle(long failed) {
        delayedReuse.values().removeIf(c -> c == failed);
    }

    /** Allocates {@code bytes} in {@code zone} (8–11); returns the zone offset. */
    public long alloc(int zone, int bytes) {
        return alloc(zone, bytes, index -> false);
    }

    /**
     * Allocates like {@link #alloc(int, int)} but never appends into a big-block {@code avoid} accepts: reblock
     * empties those, so new space must come from others (free big-blocks may always be claimed).
     */
    public long alloc(int zone, int bytes, LongPredicate avoid) {
        long bb = vol.bigBlockSize();
        long nbb = vol.bigBlocks();
        VolumeHeader h = vol.header();
        long next = ZoneOffset.offset(h.blockmap(zone).nextOffset());
        int align = zone == ZoneOffset.BTREE ? Volume.BLOCK : bytes >= Volume.DATA_BUFSIZE ? Volume.DATA_BUFSIZE : 16;
        for (long tries = 0; tries <= nbb + 1; tries++) {
            next = (next + align - 1) & -align;
            if (bytes < Volume.DATA_BUFSIZE && next / Volume.DATA_BUFSIZE != (next + bytes - 1) / Volume.DATA_BUFSIZE) {
                next = (next / Volume.DATA_BUFSIZE + 1) * Volume.DATA_BUFSIZE;
            }
            long index = next / bb;
            if (index >= nbb) {
                next = 0;
                continue;
            }
            long within = next % bb;
            FreemapLayer2 l2 = layer2(index);
            if (l2.zone() == zone && !avoid.test(index)) {
                within = Math.max(within, (l2.appendOff() + align - 1) & -align);
            } else if (l2.isFree() && !reuseDelayed(index)) {
                within = 0;
                claim(index, zone);
                l2 = new FreemapLayer2(zone, 0, (int) bb);
            } else {
                next = (index + 1) * bb;
                continue;
            }
            if (within + bytes > bb) {
                next = (index + 1) * bb;
                continue;
            }
            setLayer2(index, new FreemapLayer2(zone, (int) (within + bytes), l2.bytesFree() - bytes));
            long result = index * bb + within;
            vol.modifyHeader();
            h.setBlockmap(zone, h.blockmap(zone).withNext(ZoneOffset.encode(zone, 0, result + bytes)));
            return ZoneOffset.encode(zone, 0, result);
        }
        throw new HammerException(Errno.ENOSPC, "zone " + zone + " allocation of " + bytes + " bytes");
    }

    /** Returns {@code bytes} at a zone offset; an entirely free big-block goes back to the pool. */
    public void free(long zoneOffset, int bytes) {
        long bb = vol.bigBlockSize();
        long index = ZoneOffset.offset(zoneOffset) / bb;
        FreemapLayer2 l2 = layer2(index);
        if (l2.zone() != ZoneOffset.zone(zoneOffset)) {
            throw new HammerCorruptionException("freemap layer2 entry", layer2Offset(index),
                    "freeing " + ZoneOffset.hex(zoneOffset) + " in a big-block owned by zone " + l2.zone());
        }
        int free = l2.bytesFree() + bytes;
        if (free >= bb) {
            setLayer2(index, FreemapLayer2.free(bb));
            adjustFreeCount(index, +1);
            delayedReuse.put(index, cycle);
            if (reached != null) {
                reached.clear((int) index);
            }
        } else {
            setLayer2(index, new FreemapLayer2(l2.zone(), l2.appendOff(), free));
        }
    }

    /** Every big-block with its layer 2 entry, in order (for checkers). */
    public void forEachBigBlock(Consumer<BigBlock> visitor) {
        long bb = vol.bigBlockSize();
        for (long i = 0; i < vol.bigBlocks(); i++) {
            visitor.accept(new BigBlock(i, ZoneOffset.encode(ZoneOffset.RAW_BUFFER, 0, i * bb), layer2(i)));
        }
    }

    /** The layer 2 entry of big-block {@code index}; reading it checks its CRC. */
    public FreemapLayer2 layer2(long index) {
        long at = layer2Offset(index);
        FreemapBlock block = block(at & -Volume.BLOCK);
        return FreemapLayer2.read(block.bytes, (int) (at % Volume.BLOCK), at);
    }

    /** Zone-4 offset of big-block {@code index}'s layer 2 entry. */
    public long layer2Offset(long index) {
        int l1 = (int) (index / FreemapLayer1.BIGBLOCKS);
        FreemapLayer1 e = layer1(l1);
        long phys = e.phys();
        long limit = ZoneOffset.offset(vol.header().blockmap(ZoneOffset.FREEMAP).physOffset())
                + freemapBytes(vol.bigBlocks());
        long at = ZoneOffset.offset(phys) + (index % FreemapLayer1.BIGBLOCKS) * FreemapLayer2.SIZE;
        if (ZoneOffset.zone(phys) != ZoneOffset.RAW_BUFFER || at + FreemapLayer2.SIZE > limit) {
            throw new HammerCorruptionException("freemap layer1 entry", layer1Offset(l1),
                    "layer2 array at " + ZoneOffset.hex(phys) + " is outside the freemap");
        }
        return ZoneOffset.encode(ZoneOffset.FREEMAP, 0, at);
    }

    /** Layer 1 entry {@code l1} (covering big-blocks from {@code l1 * 2^19}); reading it checks its CRC. */
    public FreemapLayer1 layer1(int l1) {
        long at = layer1Offset(l1);
        return FreemapLayer1.read(block(at & -Volume.BLOCK).bytes, (int) (at % Volume.BLOCK), at);
    }

    /** Zone-4 offset of layer 1 entry {@code l1}. */
    public long layer1Offset(int l1) {
        return ZoneOffset.withZone(vol.header().blockmap(ZoneOffset.FREEMAP).physOffset(), ZoneOffset.FREEMAP)
                + (long) l1 * FreemapLayer1.SIZE;
    }

    private boolean reuseDelayed(long index) {
        Long freedAt = delayedReuse.get(index);
        return freedAt != null && freedAt > committedCycle;
    }

    private void claim(long index, int zone) {
        if (reached != null && reached.get((int) index)) {
            throw new HammerCorruptionException("freemap layer2 entry", layer2Offset(index), "big-block " + index
                    + " is marked free but the B-tree still reaches data in it; refusing to allocate over it"
                    + " (run hammer:check)");
        }
        setLayer2(index, new FreemapLayer2(zone, 0, (int) vol.bigBlockSize()));
        adjustFreeCount(index, -1);
    }

    private void adjustFreeCount(long index, int delta) {
        int l1 = (int) (index / FreemapLayer1.BIGBLOCKS);
        long at = layer1Offset(l1);
        FreemapBlock block = block(at & -Volume.BLOCK);
        FreemapLayer1 e = FreemapLayer1.read(block.bytes, (int) (at % Volume.BLOCK), at);
        vol.meta().modify(block);
        new FreemapLayer1(e.phys(), e.blocksFree() + delta).write(block.bytes, (int) (at % Volume.BLOCK));
        vol.modifyHeader();
        vol.header().setStatFreeBigBlocks(vol.header().statFreeBigBlocks() + delta);
    }

    private void setLayer2(long index, FreemapLayer2 entry) {
        long at = layer2Offset(index);
        FreemapBlock block = block(at & -Volume.BLOCK);
        vol.meta().modify(block);
        entry.write(block.bytes, (int) (at % Volume.BLOCK));
    }

    private FreemapBlock block(long offset) {
        MetaBlock cached = vol.meta().get(offset);
        if (cached instanceof FreemapBlock fb) {
            return fb;
        }
        FreemapBlock fb = new FreemapBlock(offset, vol.read(offset, Volume.BLOCK, "freemap block"));
        vol.meta().loaded(fb);
        return fb;
    }

    /** Zone offsets of the freemap's blocks, for checkers. */
    public List<Long> freemapBlocks() {
        List<Long> out = new ArrayList<>();
        long base = ZoneOffset.withZone(vol.header().blockmap(ZoneOffset.FREEMAP).physOffset(), ZoneOffset.FREEMAP);
        for (long off = 0; off < freemapBytes(vol.bigBlocks()); off += Volume.BLOCK) {
            out.add(base + off);
        }
        return out;
    }
}
