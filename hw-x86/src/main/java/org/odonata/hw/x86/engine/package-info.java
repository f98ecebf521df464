/** The discrete-event engine: an event queue in virtual time, simulated threads on continuations or */
/** virtual threads, and seeded random streams. Private implementation of org.odonata.api.engine. */
package org.odonata.hw.x86.engine;
