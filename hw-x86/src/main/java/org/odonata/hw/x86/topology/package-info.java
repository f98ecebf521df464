/**
 * Machine topologies for the x86-64 model: named presets, experiment specs, and real machines imported
 * from hwloc XML or Linux sysfs, all reduced to the kernel-api {@code Topology} with dense ids.
 */
package org.odonata.hw.x86.topology;
