package org.odonata.fs.hammer.cleanup;

/**
 * What a reblock did.
 *
 * @param fillPercent   the fill threshold: big-blocks less full than this were emptied
 * @param sources       big-blocks chosen to be emptied
 * @param nodesMoved    B-tree nodes moved
 * @param recordsMoved  records whose data moved
 * @param bytesMoved    record data bytes copied
 * @param skipped       nodes left in place because moving one would exceed a flush group's UNDO budget
 * @param freeBefore    free big-blocks before
 * @param freeAfter     free big-blocks after
 * @param groups        flush groups used
 * @param stoppedForSpace it stopped early because free space fell to the reserve removals need (hammer_checkspace)
 */
public record ReblockReport(int fillPercent, long sources, long nodesMoved, long recordsMoved, long bytesMoved,
        long skipped, long freeBefore, long freeAfter, int groups, boolean stoppedForSpace) {
}
