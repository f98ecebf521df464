/** The {@code ticket} token implementation: a FIFO ticket lock whose waiters all spin on one shared line. */
package org.odonata.sync.ticket;
