package org.odonata.api.topology;

/** Core type: hybrid parts (Raptor Lake, Strix Point) mix performance and efficiency cores. */
public enum CoreKind {
    UNIFORM,
    PERFORMANCE,
    EFFICIENCY
}
