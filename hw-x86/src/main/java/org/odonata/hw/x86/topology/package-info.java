/** Machine topologies for the x86-64 model: named presets, experiment specs, and imports of real machines */
/** from hwloc XML and Linux sysfs, all reduced to the kernel-api {@code Topology} with dense ids. */
package org.odonata.hw.x86.topology;
