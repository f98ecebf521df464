/**
 * The bundle verifier: reads a subsystem bundle's class files with Byte Buddy's ASM before any of them loads, and
 * keeps a bundle that breaks the simulation's rules from resolving unless the user allowed it.
 */
package org.odonata.verifier;
