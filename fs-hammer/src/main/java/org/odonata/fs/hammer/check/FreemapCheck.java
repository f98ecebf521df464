package org.odonata.fs.hammer.check;

import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.ondisk.FreemapLayer1;
import org.odonata.fs.hammer.ondisk.FreemapLayer2;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * Compares the freemap with the reachable space, within HAMMER's append-only semantics: space may be counted
 * as used although nothing reaches it any more (it comes back only when its whole big-block is free), but
 * reachable space must lie in an allocated big-block of its own zone, below the append offset, and never be
 * counted as free. Also checks the free big-block counts in layer 1 and in the volume header. One pass over
 * layer 2 and the reachable extents.
 */
final class FreemapCheck {

    private static final String L2 = "freemap layer2 entry";
    private static final String L1 = "freemap layer1 entry";

    private final Volume vol;
    private final Blockmap blockmap;
    private final ReachableSpace space;
    private final ProblemLog log;

    FreemapCheck(Volume vol, Blockmap blockmap, ReachableSpace space, ProblemLog log) {
        this.vol = vol;
        this.blockmap = blockmap;
        this.space = space;
        this.log = log;
    }

    /** Returns the number of big-blocks checked. */
    long run() {
        long bb = vol.bigBlockSize();
        long nbb = vol.bigBlocks();
        long freeTotal = 0;
        long freeUnderL1 = 0;
        for (long i = 0; i < nbb; i++) {
            FreemapLayer2 l2 = null;
            long at = 0;
            try {
                at = blockmap.layer2Offset(i);
                l2 = blockmap.layer2(i);
            } catch (HammerCorruptionException e) {
                log.add(e);
            }
            if (l2 != null) {
                freeUnderL1 += l2.isFree() ? 1 : 0;
                checkBigBlock(i, at, l2, bb);
            }
            boolean lastOfL1 = (i + 1) % FreemapLayer1.BIGBLOCKS == 0 || i + 1 == nbb;
            if (lastOfL1) {
                checkLayer1((int) (i / FreemapLayer1.BIGBLOCKS), freeUnderL1);
                freeTotal += freeUnderL1;
                freeUnderL1 = 0;
            }
        }
        if (freeTotal != vol.header().statFreeBigBlocks()) {
            log.add("volume header", 56, "counts " + vol.header().statFreeBigBlocks()
                    + " free big-blocks, layer 2 has " + freeTotal + " (or fewer, if entries were unreadable)");
        }
        return nbb;
    }

    private void checkBigBlock(long index, long at, FreemapLayer2 l2, long bb) {
        long start = index * bb;
        long reachable = 0;
        for (ReachableSpace.Extent e : space.between(start, start + bb)) {
            String what = e.structure() + " at zone-2 offset " + ZoneOffset.hex(e.start()) + " (referenced from "
                    + ZoneOffset.hex(e.ownerOffset()) + ")";
            if (e.end() > start + bb) {
                log.add(e.structure(), e.ownerOffset(), "extent " + ZoneOffset.hex(e.start()) + "+" + e.length()
                        + " crosses the end of big-block " + index);
            }
            if (l2.isFree()) {
                log.add(L2, at, "big-block " + index + " is free but holds the reachable " + what);
            } else if (l2.zone() != e.zone()) {
                log.add(L2, at, "big-block " + index + " belongs to zone " + l2.zone() + " but holds the zone-"
                        + e.zone() + " " + what);
            } else if (e.end() - start > l2.appendOff()) {
                log.add(L2, at, "append_off " + l2.appendOff() + " of big-block " + index + " lies before the end of the "
                        + what);
            }
            reachable += e.length();
        }
        if (l2.isFree()) {
            if (l2.appendOff() != 0 || l2.bytesFree() != bb) {
                log.add(L2, at, "free big-block " + index + " has append_off " + l2.appendOff() + " and bytes_free "
                        + l2.bytesFree() + " (expected 0 and " + bb + ")");
            }
            return;
        }
        if (l2.appendOff() < 0 || l2.appendOff() > bb || l2.bytesFree() < 0 || l2.bytesFree() > bb) {
            log.add(L2, at, "append_off " + l2.appendOff() + " or bytes_free " + l2.bytesFree()
                    + " outside a big-block of " + bb + " bytes");
        } else if (bb - l2.bytesFree() < reachable) {
            log.add(L2, at, "bytes_free " + l2.bytesFree() + " of big-block " + index + " leaves " + (bb - l2.bytesFree())
                    + " bytes used, less than the " + reachable + " reachable bytes in it");
        }
    }

    private void checkLayer1(int l1, long freeSeen) {
        try {
            FreemapLayer1 e = blockmap.layer1(l1);
            if (e.blocksFree() != freeSeen) {
                log.add(L1, blockmap.layer1Offset(l1), "counts " + e.blocksFree() + " free big-blocks, its layer 2 has "
                        + freeSeen + " (or fewer, if entries were unreadable)");
            }
        } catch (HammerCorruptionException e) {
            log.add(e);
        }
    }
}
