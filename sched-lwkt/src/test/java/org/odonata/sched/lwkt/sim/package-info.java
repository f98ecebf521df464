/** A discrete-time stand-in for the kernel core that drives user schedulers in unit tests; shared as a test-jar. */
package org.odonata.sched.lwkt.sim;
