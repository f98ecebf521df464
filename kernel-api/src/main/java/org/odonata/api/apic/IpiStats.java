package org.odonata.api.apic;

/**
 * Interrupt counters.
 *
 * @param ipisSent       IPIs raised (all vectors)
 * @param ipiqAvoided    IPIQ interrupts not raised because one was already outstanding
 * @param timerArms      one-shot timer programmings
 * @param timerExpiries  timer interrupts delivered
 * @param haltWakeups    halted CPUs woken by an interrupt
 */
public record IpiStats(long ipisSent, long ipiqAvoided, long timerArms, long timerExpiries, long haltWakeups) {
}
