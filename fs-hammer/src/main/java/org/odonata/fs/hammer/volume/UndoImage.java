package org.odonata.fs.hammer.volume;

/**
 * The bytes a metadata range held before the current flush group changed it: what an UNDO record stores.
 *
 * @param zoneOffset where the range starts (zone 1 for the volume header, zone 4 or 8 for blocks)
 * @param oldBytes   its previous contents
 */
public record UndoImage(long zoneOffset, byte[] oldBytes) {
}
