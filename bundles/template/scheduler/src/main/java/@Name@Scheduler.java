package @PACKAGE@;

import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;

/**
 * {@code @NAME@}: per-CPU round robin with idle stealing, on the kit's dispatch queues. A runnable LWP joins the
 * local queue of the CPU it is given and kicks an idle CPU; a CPU runs its own queue's head, or steals the newest
 * LWP of the longest other queue; an LWP keeps its CPU for the kit's time slice (100 ms) while its queue has
 * others. Everything else (CPU selection, swaps, counting, the slice) is the kit's default: change these three
 * methods, or override more, to make it yours.
 */
public final class @Name@Scheduler extends DsqScheduler<Entity> {

    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        local(cpu).insert(entity(t));
        idle.kickIdle(cpu);
    }

    @Override
    protected Entity dispatch(int cpu) {
        Entity e = local(cpu).poll();
        return e != null ? e : steal(cpu);
    }

    /** The slice hands the CPU on only to an LWP of this CPU's queue. */
    @Override
    protected boolean waiting(int cpu, SchedThread running) {
        return !local(cpu).isEmpty();
    }
}
