package org.odonata.api.topology;

/**
 * One hardware thread (a "CPU" to the kernel).
 *
 * @param id        logical CPU number the kernel uses, 0..n-1 in topology order
 * @param osIndex   the number the source (hwloc, sysfs) gave it
 * @param packageId socket, 0..packages-1
 * @param coreId    physical core, unique across the machine
 * @param smtIndex  position among the core's hardware threads
 * @param l3Id      last-level-cache domain, unique across the machine
 * @param numaNode  NUMA node whose memory is local
 * @param kind      core type on hybrid parts
 */
public record CpuInfo(int id, int osIndex, int packageId, int coreId, int smtIndex, int l3Id, int numaNode,
        CoreKind kind) {
}
