package org.odonata.api.kern;

/**
 * What a live swap did.
 *
 * @param subsystem    {@code sched}, {@code sync} or {@code vm}
 * @param from         the implementation swapped out
 * @param to           the implementation swapped in
 * @param virtualTime  the virtual time of the safe point where it happened
 * @param threadsMoved runnable threads (or held tokens, or resident pages) handed from the old instance to the new
 * @param hostNanos    host time the swap took (reported, never used by the simulation)
 */
public record SwapReport(String subsystem, String from, String to, long virtualTime, int threadsMoved,
        long hostNanos) {
}
