/** The {@code giant} token implementation: every token is one global lock, the cost of a big kernel lock. */
package org.odonata.sync.giant;
