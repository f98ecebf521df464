/** Simulated hardware threads: cycle debts that become virtual time, the TSC, and HLT. */
package org.odonata.hw.x86.cpu;
