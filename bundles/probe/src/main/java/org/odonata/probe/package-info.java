/**
 * Dynamic probes (a bpftrace for the simulated kernel): Byte Buddy weaves a hook into any subsystem bundle's
 * methods, by retransformation for loaded classes and through a WeavingHook for classes of later bundles.
 */
package org.odonata.probe;
