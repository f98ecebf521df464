package org.odonata.hw.x86.engine;

import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;

/** Creates engines; the one entry point other bundles use. */
public final class Engines {

    private static final String CONTINUATION_PACKAGE = "jdk.internal.vm";
    private static final boolean CONTINUATIONS = probeContinuations();

    private Engines() {
    }

    /**
     * A new engine of {@code kind} at virtual time 0 whose random streams derive from {@code seed}.
     *
     * @throws IllegalStateException for {@link EngineKind#CONTINUATION} when {@link #continuationsAvailable()} is false
     */
    public static Engine create(EngineKind kind, long seed) {
        return switch (kind) {
            case CONTINUATION -> {
                if (!CONTINUATIONS) {
                    throw new IllegalStateException("the continuation engine needs java.base/jdk.internal.vm: start the JVM"
                            + " with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED (or the jar manifest header"
                            + " Add-Exports: java.base/jdk.internal.vm), or use EngineKind.VIRTUAL_THREAD");
                }
                yield new ContinuationEngine(seed);
            }
            case VIRTUAL_THREAD -> new VirtualThreadEngine(seed);
        };
    }

    /** Whether jdk.internal.vm is both visible to this class's loader and exported by java.base to it. */
    public static boolean continuationsAvailable() {
        return CONTINUATIONS;
    }

    private static boolean probeContinuations() {
        try {
            Class<?> continuation = Class.forName(CONTINUATION_PACKAGE + ".Continuation", false, Engines.class.getClassLoader());
            return continuation.getModule().isExported(CONTINUATION_PACKAGE, Engines.class.getModule());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
