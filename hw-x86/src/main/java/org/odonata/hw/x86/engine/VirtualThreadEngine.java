package org.odonata.hw.x86.engine;

import java.util.concurrent.locks.LockSupport;

import org.odonata.api.engine.EngineKind;

/**
 * The portable engine: each simulated thread is a virtual thread, and control passes between it and the
 * event loop by a strict hand-off (a volatile turn flag plus LockSupport park/unpark), so exactly one of
 * them runs at a time and the event order is the continuation engine's.
 * <p>
 * Cost: a hand-off between two virtual threads is a few hundred ns, between a platform and a virtual
 * thread tens of µs, so the loop itself runs on a virtual thread. A thread left parked when the engine is
 * dropped stays parked: this engine cannot discard a stack the way a continuation is garbage-collected.
 */
final class VirtualThreadEngine extends EventLoopEngine {

    VirtualThreadEngine(long seed) {
        super(seed);
    }

    @Override
    public EngineKind kind() {
        return EngineKind.VIRTUAL_THREAD;
    }

    @Override
    Strand newStrand(String name, Runnable body) {
        return new Handoff(name, body);
    }

    @Override
    long runEvents(long limit, long maxEvents) {
        if (Thread.currentThread().isVirtual()) {
            return loop(limit, maxEvents);
        }
        LoopRun run = new LoopRun(limit, maxEvents);
        Thread loopThread = Thread.ofVirtual().name("odonata-event-loop").start(run);
        boolean interrupted = false;
        while (true) {
            try {
                loopThread.join();
                break;
            } catch (InterruptedException e) {
                // the loop cannot be abandoned half-way: finish, then restore the interrupt
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return run.result();
    }

    /** One run of the loop on a virtual thread, with its result or exception carried back to the caller. */
    private final class LoopRun implements Runnable {
        private final long limit;
        private final long maxEvents;
        private long ran;
        private Throwable thrown;

        LoopRun(long limit, long maxEvents) {
            this.limit = limit;
            this.maxEvents = maxEvents;
        }

        @Override
        public void run() {
            try {
                ran = loop(limit, maxEvents);
            } catch (Throwable t) {
                thrown = t;
            }
        }

        long result() {
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
            return ran;
        }
    }

    /**
     * A virtual thread and the loop passing one turn back and forth. The turn flag is volatile, so each
     * hand-off also publishes everything the other side wrote; park loops absorb spurious wake-ups.
     */
    private static final class Handoff implements Strand {
        private final Thread thread;
        private volatile boolean threadsTurn;
        /** Written before the turn passes back, read after: the volatile flag orders it. */
        private boolean ended;
        private Thread loop;
        private boolean started;

        Handoff(String name, Runnable body) {
            thread = Thread.ofVirtual().name(name).unstarted(() -> {
                body.run();
                ended = true;
                threadsTurn = false;
                LockSupport.unpark(loop);
            });
        }

        @Override
        public boolean resume() {
            loop = Thread.currentThread();
            threadsTurn = true;
            if (started) {
                LockSupport.unpark(thread);
            } else {
                started = true;
                thread.start();
            }
            while (threadsTurn) {
                LockSupport.park(this);
            }
            return ended;
        }

        @Override
        public void suspend() {
            threadsTurn = false;
            LockSupport.unpark(loop);
            while (!threadsTurn) {
                LockSupport.park(this);
            }
        }
    }
}
