/** The {@code rr} user scheduler: per-CPU round robin with idle stealing, written with the scheduler kit. */
package org.odonata.sched.rr;
