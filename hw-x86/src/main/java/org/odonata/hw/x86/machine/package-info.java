/**
 * The assembled machine: one engine, its CPUs, coherence model, LAPICs, page frames and disks, built per
 * spec by the MachineFactory service, with a digest over its virtual-time state.
 */
package org.odonata.hw.x86.machine;
