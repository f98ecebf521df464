package org.odonata.fs.hammer.check;

import java.util.List;
import java.util.Locale;

/**
 * What {@link HammerCheck#run} found: every problem, in the order found, and how much it examined.
 *
 * @param problems  every problem; empty for a clean volume
 * @param nodes     B-tree nodes read
 * @param records   leaf records examined (live and historical)
 * @param dataBytes record data read and checked against data_crc
 * @param bigBlocks big-blocks whose freemap entries were compared with the reachable space
 * @param inodes    live inodes checked against the directory entries
 */
public record CheckReport(List<Problem> problems, long nodes, long records, long dataBytes, long bigBlocks,
        long inodes) {

    public CheckReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** One line: the counts and the number of problems. */
    public String summary() {
        return String.format(Locale.ROOT, "%d B-tree nodes, %d records, %d data bytes, %d big-blocks, %d inodes: %s",
                nodes, records, dataBytes, bigBlocks, inodes,
                clean() ? "no problems" : problems.size() + (problems.size() == 1 ? " problem" : " problems"));
    }
}
