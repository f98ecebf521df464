package org.odonata.api.machine;

import org.odonata.api.topology.CpuInfo;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One simulated hardware thread. Code running on it spends time in cycles: {@link #charge(long)} records
 * cycles without suspending (cheap, for the many small costs of memory operations), {@link #consume(long)}
 * also advances the running simulated thread's virtual time by everything charged so far.
 */
@ProviderType
public interface Cpu {

    int id();

    CpuInfo info();

    /** Adds cycles to this CPU's debt; they become virtual time at the next {@link #settle()}. */
    void charge(long cycles);

    /** Charges {@code cycles} and settles. */
    void consume(long cycles);

    /**
     * Suspends the current simulated thread for the virtual time of the cycles charged and not yet settled.
     * Outside a simulated thread the debt is only cleared.
     */
    void settle();

    /** Every cycle charged on this CPU since boot. */
    long cyclesCharged();

    /** Reads the TSC: virtual time in cycles, costing {@code tscRead}. */
    long rdtsc();

    /**
     * Halts the CPU (HLT) from the simulated thread running on it until an interrupt arrives; returns at once
     * if one is already pending.
     */
    void halt();

    boolean halted();

    /**
     * Stops this CPU for {@code nanos} of virtual time from now, as a System Management Interrupt or a hypervisor
     * preempting a vCPU does: the software on it notices nothing, but makes no progress until then (a running
     * thread waits at its next {@link #settle()}, a halted one when it wakes, a spinning one when the line it
     * watches changes). The time is stolen, not charged.
     * Overlapping stalls end at the latest end.
     *
     * @throws IllegalArgumentException when {@code nanos} is negative
     */
    void stall(long nanos);
}
