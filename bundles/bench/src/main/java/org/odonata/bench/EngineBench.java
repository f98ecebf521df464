package org.odonata.bench;

import java.util.concurrent.TimeUnit;

import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.SimThread;
import org.odonata.hw.x86.engine.Engines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One simulated thread that parks forever in a loop, and an event that unparks it: each round trip is an
 * unpark event, a resume event, and a park that suspends the thread again. Round trips are batched in one
 * runUntilIdle so the virtual-thread engine's per-call loop-thread start is not what gets measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
// JMH forks with -cp, so the jar's Add-Exports manifest header does not reach the benchmark JVM
@Fork(jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineBench {

    private static final int ROUND_TRIPS = 10_000;

    @Param({"CONTINUATION", "VIRTUAL_THREAD"})
    public EngineKind kind;

    private Engine engine;
    private SimThread parker;
    private int remaining;
    private Runnable pinger;

    @Setup
    public void start() {
        engine = Engines.create(kind, 1);
        parker = engine.spawn("parker", () -> {
            while (true) {
                engine.park();
            }
        });
        pinger = () -> {
            parker.unpark();
            if (--remaining > 0) {
                engine.after(0, pinger);
            }
        };
        engine.runUntilIdle();
    }

    /** A thread that suspends and is resumed by the one event its sleep schedules: the engine's floor. */
    @State(Scope.Thread)
    public static class Yielder {
        @Param({"CONTINUATION", "VIRTUAL_THREAD"})
        public EngineKind kind;

        private Engine engine;

        @Setup
        public void start() {
            engine = Engines.create(kind, 1);
            engine.spawn("yielder", () -> {
                while (true) {
                    engine.sleep(0);
                }
            });
        }
    }

    /**
     * {@code threads} simulated threads resumed in turn, each {@code depth} frames below its loop: what a resume
     * costs the continuation engine alone, and whether many threads' stacks taking turns make it dearer (hackbench
     * at scale resumes 640 threads in turn, 2.0–2.3 resumes per simulated switch; issue 9 §5).
     */
    @State(Scope.Thread)
    public static class Crowd {
        @Param({"2", "640"})
        public int threads;

        @Param({"0", "40"})
        public int depth;

        private Engine engine;

        @Setup
        public void start() {
            engine = Engines.create(EngineKind.CONTINUATION, 1);
            for (int i = 0; i < threads; i++) {
                long offset = i;
                engine.spawn("t" + i, () -> descend(depth, offset));
            }
            engine.runUntil(threads);
        }

        /** Thread {@code offset} resumes at offset, offset + threads, …: every thread in turn, one per nanosecond. */
        private long descend(int frames, long offset) {
            if (frames > 0) {
                return descend(frames - 1, offset) + frames;
            }
            engine.sleep(offset);
            while (true) {
                engine.sleep(threads);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long crowdResume(Crowd c) {
        return steps(c.engine);
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long sleepZeroRoundTrip(Yielder y) {
        return steps(y.engine);
    }

    /** Runs {@link #ROUND_TRIPS} events one step at a time; returns how many ran. */
    private static long steps(Engine engine) {
        long ran = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            ran += engine.step() ? 1 : 0;
        }
        return ran;
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long suspendResumeRoundTrip() {
        remaining = ROUND_TRIPS;
        engine.after(0, pinger);
        return engine.runUntilIdle();
    }
}
