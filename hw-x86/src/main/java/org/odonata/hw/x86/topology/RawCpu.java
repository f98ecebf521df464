package org.odonata.hw.x86.topology;

import org.odonata.api.topology.CoreKind;

/**
 * A hardware thread as a source describes it, before dense ids exist. The keys only need
 * {@code equals}/{@code hashCode}: each source identifies packages, L3 domains, cores and nodes its own way.
 */
record RawCpu(int osIndex, Object packageKey, Object l3Key, Object coreKey, Object nodeKey, CoreKind kind) {
}
