package org.odonata.hw.x86.engine;

import java.util.concurrent.locks.LockSupport;

import org.odonata.api.engine.EngineKind;

/**
 * The portable engine: each simulated thread is a virtual thread, and control passes between it and the
 * event loop by a strict hand-off (a volatile turn flag plus LockSupport park/unpark), so exactly one of
 * them runs at a time and the event order is the continuation engine's.
 * <p>
 * Cost: a round trip between two virtual threads is about 1 µs, between a platform and a virtual thread
 * about 9 µs (both measured with EngineBench on a loaded 2-core host), so a run call made from a platform
 * thread moves the loop onto a virtual thread: events then run there, with the caller blocked in join. A
 * thread left parked when the engine is dropped stays parked: this engine cannot discard a stack the way a
 * continuation is garbage-collected.
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
            return switch (thrown) {
                case null -> ran;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                // only a sneaky throw gets here: wrap it rather than lose it
                default -> throw new IllegalStateException("an event threw a checked exception", thrown);
            };
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
                handBack();
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
            handBack();
            while (!threadsTurn) {
                LockSupport.park(this);
            }
        }

        /** Read the loop thread before passing the turn: once it has the turn it may start another loop thread. */
        private void handBack() {
            Thread back = loop;
            threadsTurn = false;
            LockSupport.unpark(back);
        }
    }
}
