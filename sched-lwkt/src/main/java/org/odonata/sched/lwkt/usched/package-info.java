/** What usched_dfly and usched_bsd4 share: the 3 × 32 bitmap run queues, per-LWP policy state and estcpu. */
package org.odonata.sched.lwkt.usched;
