package org.odonata.fs.hammer.crash;

import java.util.BitSet;

/**
 * The disk a power cut could leave: every write before the last completed flush, every FUA write, and
 * exactly the {@code kept} non-FUA writes of the last flush epoch, over the initial image.
 *
 * @param point      the crash point: the first {@code point} logged operations had completed
 * @param epoch      the flush epoch the cut fell in (0 = before the first logged flush)
 * @param epochStart log index of the epoch's first operation
 * @param unordered  log indices of the epoch's non-FUA writes completed before the cut
 * @param kept       the subset of {@code unordered} that reached the media
 * @param image      the resulting disk
 */
public record CrashState(int point, int epoch, int epochStart, BitSet unordered, BitSet kept, DiskImage image) {

    /** A fresh writable device showing this state; mounting it (recovery writes) leaves the state intact. */
    public ImageDevice open() {
        return new ImageDevice(image);
    }

    /** Whether the cache lost nothing: the state an in-order crash at {@link #point} leaves. */
    public boolean inOrder() {
        return kept.equals(unordered);
    }

    /** A reproducible description: crash point, epoch and which of its unordered writes were kept. */
    public String describe() {
        StringBuilder b = new StringBuilder("crash after op ").append(point)
                .append(" (epoch ").append(epoch).append(" from op ").append(epochStart);
        if (unordered.isEmpty()) {
            return b.append(", no unordered writes)").toString();
        }
        BitSet lost = (BitSet) unordered.clone();
        lost.andNot(kept);
        return b.append(", unordered writes ").append(unordered).append(" kept ").append(kept)
                .append(" lost ").append(lost).append(')').toString();
    }
}
