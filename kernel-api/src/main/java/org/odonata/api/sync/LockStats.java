package org.odonata.api.sync;

/**
 * Statistics of one lock or of a class of locks.
 *
 * @param name         token name, or the class name ({@code pool}, {@code global})
 * @param acquisitions successful acquisitions (including reacquisitions at switch)
 * @param collisions   acquisitions that did not succeed at the first attempt
 * @param spinCycles   cycles spent spinning
 * @param holdTime     how long it was held, per acquisition
 * @param waitTime     how long acquirers waited, per contended acquisition
 */
public record LockStats(String name, long acquisitions, long collisions, long spinCycles, Distribution holdTime,
        Distribution waitTime) {
}
