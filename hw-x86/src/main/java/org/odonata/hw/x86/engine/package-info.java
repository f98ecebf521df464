/** The discrete-event engine behind org.odonata.api.engine: an event queue in virtual time, simulated threads
 * on continuations or virtual threads, and seeded random streams. Private to this bundle: use Engines.create. */
package org.odonata.hw.x86.engine;
