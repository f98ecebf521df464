/** The {@code dfly} user scheduler (usched_dfly): per-CPU queues, topology-aware placement, pulls and the rover. */
package org.odonata.sched.lwkt.dfly;
