/** Physical page frames per NUMA node, handed out lowest first. */
package org.odonata.hw.x86.memory;
