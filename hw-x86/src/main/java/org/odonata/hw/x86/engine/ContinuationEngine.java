package org.odonata.hw.x86.engine;

import org.odonata.api.engine.EngineKind;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The fast engine: each simulated thread is a {@code jdk.internal.vm.Continuation} run on the host
 * thread that drives the loop. A suspend+resume copies the thread's changed frames, about 85 ns on JDK 25.
 * Needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (see {@link Engines#continuationsAvailable()}).
 */
final class ContinuationEngine extends EventLoopEngine {

    /** One scope for every engine: a yield only ever unwinds to the innermost run() of this scope. */
    private static final ContinuationScope SCOPE = new ContinuationScope("odonata-engine");

    ContinuationEngine(long seed) {
        super(seed);
    }

    @Override
    public EngineKind kind() {
        return EngineKind.CONTINUATION;
    }

    @Override
    Strand newStrand(String name, Runnable body) {
        return new ContinuationStrand(name, body);
    }

    private static final class ContinuationStrand extends Continuation implements Strand {
        private final String name;

        ContinuationStrand(String name, Runnable body) {
            super(SCOPE, body);
            this.name = name;
        }

        @Override
        public boolean resume() {
            run();
            return isDone();
        }

        @Override
        public void suspend() {
            Continuation.yield(SCOPE);
        }

        /** Without this the JDK throws a bare IllegalStateException naming neither thread nor remedy. */
        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException("simulated thread '" + name + "' cannot suspend: its stack is pinned ("
                    + reason + "); do not park or sleep inside native frames or critical sections");
        }
    }
}
