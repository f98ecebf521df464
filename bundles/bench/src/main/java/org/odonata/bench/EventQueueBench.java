package org.odonata.bench;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.odonata.hw.x86.engine.EventQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The classic "hold" model: with {@code pending} events queued, each operation removes the earliest and
 * schedules one at its time plus a seeded exponential increment, so the queue size stays constant.
 * {@link #holdJdkPriorityQueue} is the same model on java.util.PriorityQueue and {@link #holdDaryHeap} on
 * the 8-ary heap the engine used before its ladder queue: controls that make numbers from a busy shared
 * machine comparable.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventQueueBench {

    /** Increments are drawn once, so the benchmark times the queue and not Math.log. */
    private static final int INCREMENTS = 1 << 16;
    /**
     * 1 ms: 100,000 pending events then spread over a few ms of virtual time, as timers do, instead of
     * piling onto a few thousand distinct nanoseconds where nearly every comparison is a tie.
     */
    private static final double MEAN_INCREMENT_NS = 1_000_000;
    private static final Runnable NOTHING = () -> { };

    @Param({"100", "100000"})
    public int pending;

    private long[] increments;
    private int next;
    private EventQueue queue;
    private DaryHeapEventQueue heap;
    private PriorityQueue<JdkEvent> jdkQueue;
    private long jdkSequence;

    /** The control's event: what a straightforward engine would put in a PriorityQueue. */
    private record JdkEvent(long time, long sequence, Runnable action) implements Comparable<JdkEvent> {
        @Override
        public int compareTo(JdkEvent other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    @Setup
    public void fill() {
        SplittableRandom random = new SplittableRandom(2026);
        increments = new long[INCREMENTS];
        for (int i = 0; i < INCREMENTS; i++) {
            increments[i] = (long) (-MEAN_INCREMENT_NS * Math.log(1.0 - random.nextDouble()));
        }
        queue = new EventQueue();
        heap = new DaryHeapEventQueue();
        jdkQueue = new PriorityQueue<>();
        for (int i = 0; i < pending; i++) {
            long time = nextIncrement();
            queue.add(time, NOTHING);
            heap.add(time, NOTHING);
            jdkQueue.add(new JdkEvent(time, jdkSequence++, NOTHING));
        }
    }

    private long nextIncrement() {
        long increment = increments[next];
        next = (next + 1) & (INCREMENTS - 1);
        return increment;
    }

    @Benchmark
    public long hold() {
        long time = queue.peekTime();
        Runnable action = queue.poll();
        queue.add(time + nextIncrement(), action);
        return time;
    }

    @Benchmark
    public long holdDaryHeap() {
        long time = heap.peekTime();
        Runnable action = heap.poll();
        heap.add(time + nextIncrement(), action);
        return time;
    }

    @Benchmark
    public long holdJdkPriorityQueue() {
        JdkEvent earliest = jdkQueue.poll();
        long time = earliest.time();
        jdkQueue.add(new JdkEvent(time + nextIncrement(), jdkSequence++, earliest.action()));
        return time;
    }
}
