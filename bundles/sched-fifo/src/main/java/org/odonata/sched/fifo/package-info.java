/** The {@code fifo} user scheduler: one global FIFO run queue, no priorities, no affinity. */
package org.odonata.sched.fifo;
