package org.odonata.api.topology;

/** How far apart two CPUs are, nearest first; prices IPIs and cache-line transfers. */
public enum Distance {
    SAME_CPU,
    SMT_SIBLING,
    SAME_L3,
    SAME_PACKAGE,
    OTHER_PACKAGE
}
