/** The {@code mcs} token implementation: an MCS queue lock whose waiters each spin on their own line. */
package org.odonata.sync.mcs;
