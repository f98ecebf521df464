package org.odonata.api.apic;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The machine's local APICs: one one-shot timer per CPU (TSC-deadline mode) and the interrupt controller
 * that sends IPIs between CPUs.
 */
@ProviderType
public interface Lapic {

    /** Sets who receives the interrupts delivered to {@code cpu}. */
    void setHandler(int cpu, InterruptHandler handler);

    /**
     * Arms {@code cpu}'s one-shot timer for absolute virtual time {@code deadline}, replacing any earlier
     * deadline; costs {@code lapicProgram} cycles on that CPU. At expiry, an {@link Vector#XTIMER} interrupt is
     * delivered {@code lapicExpiry} cycles later.
     */
    void arm(int cpu, long deadline);

    /** Disarms {@code cpu}'s timer; returns whether it was armed. */
    boolean disarm(int cpu);

    /** The armed deadline of {@code cpu}, or -1. */
    long deadline(int cpu);

    /** Sends an IPI; it is delivered after the delivery cost for the distance between the two CPUs. */
    void sendIpi(int from, int to, Vector vector);

    /**
     * Sends an {@link Vector#XIPIQ} interrupt only if the target has none outstanding: DragonFly's
     * {@code gd_npoll} latch, swapped from 0 to 1 by the sender and back to 0 when the target takes the
     * interrupt.
     *
     * @return true if an interrupt was raised, false if it was avoided (coalesced)
     */
    boolean sendIpiq(int from, int to);

    /**
     * Raises device interrupt {@code irq} toward {@code cpu}: an MSI, or an I/O APIC pin the kernel routed there.
     * It is delivered {@code lapicExpiry} cycles later (the same interrupt entry as a timer's) to the CPU's
     * {@link InterruptHandler#device}, waking the CPU if it is halted.
     */
    void raiseIrq(int cpu, int irq);

    /** Counters since boot. */
    IpiStats stats();
}
