/** Simulated point-to-point network links: serialisation, propagation latency and in-order delivery. */
package org.odonata.hw.x86.link;
