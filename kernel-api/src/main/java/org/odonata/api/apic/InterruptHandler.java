package org.odonata.api.apic;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives interrupts delivered to a CPU; runs as an event at the delivery time. */
@ConsumerType
@FunctionalInterface
public interface InterruptHandler {

    void interrupt(int cpu, Vector vector);

    /**
     * A device interrupt {@code irq} ({@link Lapic#raiseIrq}) taken by {@code cpu}; ignored unless overridden, as by
     * a handler that drives no devices.
     */
    default void device(int cpu, int irq) {
    }
}
