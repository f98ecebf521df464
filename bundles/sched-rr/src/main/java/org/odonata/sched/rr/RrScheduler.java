package org.odonata.sched.rr;

import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;

/**
 * Per-CPU round robin with idle stealing. Each CPU serves its own FIFO queue; an LWP keeps its CPU for one slice
 * (five schedclock ticks, 100 ms) while others wait there, then goes to the back of that queue. A waking LWP is
 * queued where it last ran, unless a CPU near it is idle ({@code select_cpu_dfl}); every enqueue kicks an idle
 * CPU, and a CPU whose queue is empty steals the newest LWP of the longest queue, so no CPU idles while an LWP
 * waits. Every LWP is equal: no priorities, classes or nice.
 */
public final class RrScheduler extends DsqScheduler<Entity> {

    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        local(cpu).insert(entity(t));
        if (wakeup) {
            idle.kickIdle(cpu);
        } else {
            // cpu picks next (a preemption or a yield): another idle CPU, if any, comes to steal
            idle.kickIdleOther(cpu);
        }
    }

    @Override
    protected Entity dispatch(int cpu) {
        Entity e = local(cpu).poll();
        return e != null ? e : steal(cpu);
    }
}
