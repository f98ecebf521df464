/** The {@code bsd4} user scheduler (usched_bsd4): one global set of run queues shared by every CPU. */
package org.odonata.sched.lwkt.bsd4;
