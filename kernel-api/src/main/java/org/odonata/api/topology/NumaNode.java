package org.odonata.api.topology;

/**
 * A NUMA node and its local memory.
 *
 * @param id          node number, 0..nodes-1
 * @param memoryBytes memory attached to the node
 */
public record NumaNode(int id, long memoryBytes) {
}
