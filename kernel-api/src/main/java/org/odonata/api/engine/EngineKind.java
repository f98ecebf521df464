package org.odonata.api.engine;

/** How an engine suspends and resumes simulated threads. Both kinds give identical results. */
public enum EngineKind {
    /** {@code jdk.internal.vm.Continuation}: the fast engine, needs {@code java.base/jdk.internal.vm} exported. */
    CONTINUATION,
    /** Virtual threads handed off one at a time: portable, slower. */
    VIRTUAL_THREAD
}
