/** The MESI-like cache-coherence model that prices loads, stores, atomics and spin-waits on shared lines. */
package org.odonata.hw.x86.coherence;
