/**
 * Local APICs: per-CPU one-shot timers, inter-processor interrupts with npoll coalescing, device
 * interrupts routed to a CPU, and halted CPUs that wake on an interrupt.
 */
@Export
@Version("1.1.0")
package org.odonata.api.apic;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
