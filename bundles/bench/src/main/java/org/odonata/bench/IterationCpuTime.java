package org.odonata.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmark thread's CPU time over a whole iteration and the operations it ran (JMH sums both per iteration), so
 * {@code cpuMicros / ops} is a cost per operation that other processes on a shared host do not inflate. Read once per
 * iteration, unlike {@link VmBench.CpuTime}, so it fits operations of a microsecond; the ops a benchmark counts
 * include JMH's warm-up and warm-down calls inside the iteration, as the CPU time does.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class IterationCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long cpuMicros;
    public long ops;
    private long start;

    @Setup(Level.Iteration)
    public void start() {
        start = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuMicros = (THREADS.getCurrentThreadCpuTime() - start) / 1000;
    }
}
