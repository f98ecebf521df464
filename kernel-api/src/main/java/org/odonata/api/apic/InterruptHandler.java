package org.odonata.api.apic;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives interrupts delivered to a CPU; runs as an event at the delivery time. */
@ConsumerType
@FunctionalInterface
public interface InterruptHandler {

    void interrupt(int cpu, Vector vector);
}
