package org.odonata.hw.x86.topology;

/** A NUMA node as a source describes it; sources list them in the order that becomes node ids. */
record RawNode(Object key, long memoryBytes) {
}
