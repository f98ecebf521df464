/** Local APICs: per-CPU one-shot timers and IPIs with DragonFly's npoll coalescing. */
package org.odonata.hw.x86.apic;
