package org.odonata.fs.hammer.cleanup;

/**
 * What a prune did.
 *
 * @param examined    records looked at
 * @param pruned      records physically removed
 * @param keptForSnapshots records the policy selected but a snapshot still needs
 * @param dataBytes   record data freed
 * @param groups      flush groups used
 */
public record PruneReport(long examined, long pruned, long keptForSnapshots, long dataBytes, int groups) {
}
