package org.odonata.fs.hammer.alloc;

import org.odonata.fs.hammer.ondisk.FreemapLayer2;

/**
 * One big-block as the freemap describes it, for checkers walking the freemap.
 *
 * @param index       big-block number from the start of the volume's big-block area
 * @param zone2Offset its raw buffer (zone 2) offset
 * @param layer2      its layer 2 entry
 */
public record BigBlock(long index, long zone2Offset, FreemapLayer2 layer2) {
}
