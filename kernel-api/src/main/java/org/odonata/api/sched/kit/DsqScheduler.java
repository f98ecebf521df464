package org.odonata.api.sched.kit;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;

/**
 * A user scheduler over the kit's dispatch queues, with a default for every callback, so a policy overrides only
 * what makes it different (sched_ext's ops over built-in DSQs). Out of the box it is {@code scx_simple}: a
 * waking LWP goes to an idle CPU near where it last ran ({@link IdleCpus#select}) and straight onto that CPU's
 * local queue, or else onto the global FIFO queue, which every CPU serves after its own; an LWP keeps its CPU for
 * a time slice ({@link #DEFAULT_SLICE_TICKS} ticks) while others wait for it. Every queue the scheduler makes
 * ({@link #local}, {@link #global}, {@link #newFifo}, {@link #newVtime}) is counted by {@link #queued()},
 * searched by {@link #dequeue} and handed over by {@link #exportRunnable()}; foreign per-LWP state after a swap is
 * replaced by {@link #entity}. The hooks a policy usually overrides: {@link #enqueue}, {@link #dispatch}, {@link
 * #selectCpu}, {@link #waiting}, {@link #preempts}.
 * <p>
 * Cost: enqueue, dequeue and a pick from a FIFO queue are O(1), from a vtime queue O(log n); CPU selection, the
 * idle kick, {@link #steal} and {@link #queued()} look at each CPU once, O(ncpus).
 *
 * @param <E> the per-LWP state: {@link Entity}, or a subclass made by an overridden {@link #newEntity}
 */
public abstract class DsqScheduler<E extends Entity> implements UserScheduler {

    /** Five schedclock ticks at 50 Hz: 100 ms, DragonFly's round-robin interval. */
    public static final int DEFAULT_SLICE_TICKS = 5;

    private final int sliceTicks;
    private final List<DispatchQueue<E>> queues = new ArrayList<>();
    private List<FifoQueue<E>> locals;
    private FifoQueue<E> global;
    private TimeSlice slice;
    /** The slice ran out with LWPs waiting: the next reschedule check on that CPU gives way. */
    private boolean[] expired;

    protected SchedHost host;
    protected int ncpus;
    protected IdleCpus idle;

    protected DsqScheduler() {
        this(DEFAULT_SLICE_TICKS);
    }

    /** @param sliceTicks schedclock ticks (20 ms each) an LWP keeps its CPU while others wait, at least 1 */
    protected DsqScheduler(int sliceTicks) {
        if (sliceTicks < 1) {
            throw new IllegalArgumentException("a time slice must be at least 1 tick, was " + sliceTicks);
        }
        this.sliceTicks = sliceTicks;
    }

    /** Sets up the kit's queues and idle tracking, then calls {@link #setUp()}. */
    @Override
    public final void init(SchedHost host) {
        this.host = host;
        this.ncpus = host.topology().cpuCount();
        this.idle = new IdleCpus(host);
        this.slice = new TimeSlice(ncpus, sliceTicks);
        this.expired = new boolean[ncpus];
        List<FifoQueue<E>> l = new ArrayList<>(ncpus);
        for (int cpu = 0; cpu < ncpus; cpu++) {
            l.add(newFifo("local" + cpu));
        }
        this.locals = List.copyOf(l);
        this.global = newFifo("global");
        setUp();
    }

    /** The policy's own initialisation, once the host and the kit's queues exist; by default nothing. */
    protected void setUp() {
    }

    // ---- the kit ---------------------------------------------------------------------------------------------

    /** {@code cpu}'s local queue (sched_ext's {@code SCX_DSQ_LOCAL_ON | cpu}). */
    protected final FifoQueue<E> local(int cpu) {
        return locals.get(cpu);
    }

    /** The global FIFO queue every CPU serves after its own (sched_ext's {@code SCX_DSQ_GLOBAL}). */
    protected final FifoQueue<E> global() {
        return global;
    }

    /** A new FIFO queue this scheduler counts, dequeues from and exports (in the order queues were made). */
    protected final FifoQueue<E> newFifo(String name) {
        FifoQueue<E> q = new FifoQueue<>(name);
        queues.add(q);
        return q;
    }

    /** A new vtime-ordered queue this scheduler counts, dequeues from and exports. */
    protected final VtimeQueue<E> newVtime(String name) {
        VtimeQueue<E> q = new VtimeQueue<>(name);
        queues.add(q);
        return q;
    }

    /** This scheduler's state for {@code t}, made fresh if it has none (or another scheduler's). */
    @SuppressWarnings("unchecked")
    protected final E entity(SchedThread t) {
        if (t.schedData() instanceof Entity e && e.owner == this) {
            return (E) e;
        }
        E e = newEntity(t);
        e.owner = this;
        t.setSchedData(e);
        return e;
    }

    /**
     * Makes the per-LWP state of a new or foreign LWP; by default a plain {@link Entity}, so a scheduler whose
     * {@code E} is a subclass must override it.
     */
    @SuppressWarnings("unchecked")
    protected E newEntity(SchedThread t) {
        return (E) new Entity(t);
    }

    /**
     * Takes the newest LWP from the longest local queue other than {@code cpu}'s (the lowest-numbered CPU among
     * equals), or {@code null} when they are all empty: idle stealing. Counts the migration.
     */
    protected final E steal(int cpu) {
        FifoQueue<E> victim = null;
        int from = -1;
        for (int c = 0; c < ncpus; c++) {
            FifoQueue<E> q = locals.get(c);
            if (c != cpu && (victim == null || q.size() > victim.size())) {
                victim = q;
                from = c;
            }
        }
        E e = victim == null ? null : victim.pollLast();
        if (e != null) {
            host.migrated(e.thread(), from, cpu);
        }
        return e;
    }

    // ---- the callbacks, with their defaults -------------------------------------------------------------------

    /** An idle CPU near where {@code t} last ran, else that CPU if it is online, else the first online CPU. */
    @Override
    public int selectCpu(SchedThread t, int wakerCpu) {
        int cpu = idle.select(t.cpu());
        if (cpu >= 0) {
            return cpu;
        }
        if (t.cpu() >= 0 && t.cpu() < ncpus && host.online(t.cpu())) {
            return t.cpu();
        }
        for (int c = 0; c < ncpus; c++) {
            if (host.online(c)) {
                return c;
            }
        }
        throw new IllegalStateException("no CPU is online");
    }

    /**
     * Onto {@code cpu}'s local queue and a kick if that CPU is idle; else onto the global queue, kicking an idle
     * CPU if there is one to take it.
     */
    @Override
    public void enqueue(SchedThread t, int cpu, boolean wakeup) {
        if (idle.idle(cpu)) {
            local(cpu).insert(entity(t));
            idle.kick(cpu);
        } else {
            global.insert(entity(t));
            idle.kickIdle(cpu);
        }
    }

    @Override
    public final boolean dequeue(SchedThread t) {
        return t.schedData() instanceof Entity e && e.owner == this && e.queue != null && e.queue.remove(e);
    }

    /** Clears the CPU's kick and expired slice, then takes what {@link #dispatch} chooses. */
    @Override
    public final SchedThread pickNext(int cpu) {
        idle.picked(cpu);
        expired[cpu] = false;
        E e = dispatch(cpu);
        return e == null ? null : e.thread();
    }

    /** The next LWP for {@code cpu}, removed from its queue: by default its local queue's head, else the global's. */
    protected E dispatch(int cpu) {
        E e = local(cpu).poll();
        return e != null ? e : global.poll();
    }

    /** Gives way if {@link #preempts} says so, or if its slice ran out and {@link #waiting} is true. */
    @Override
    public boolean shouldYieldTo(int cpu, SchedThread current) {
        boolean yield = preempts(cpu, current) || expired[cpu] && waiting(cpu, current);
        expired[cpu] = false;
        return yield;
    }

    /** Whether a queued LWP should take {@code cpu} from {@code current} at once, slice or not; by default never. */
    protected boolean preempts(int cpu, SchedThread current) {
        return false;
    }

    /**
     * Whether an LWP waits that should have {@code cpu} when {@code running}'s slice runs out: by default anything
     * on its local queue or the global one.
     */
    protected boolean waiting(int cpu, SchedThread running) {
        return !local(cpu).isEmpty() || !global.isEmpty();
    }

    /** Counts the slice; when it runs out with an LWP {@link #waiting}, asks the CPU to reschedule. */
    @Override
    public void tick(int cpu, SchedThread running) {
        if (slice.tick(cpu, running) && waiting(cpu, running)) {
            expired[cpu] = true;
            host.needResched(cpu);
        }
    }

    @Override
    public void exited(SchedThread t) {
        slice.forget(t);
    }

    @Override
    public final int queued() {
        int n = 0;
        for (DispatchQueue<E> q : queues) {
            n += q.size();
        }
        return n;
    }

    /** Every queue drained, head first, in the order the queues were made (local queues, global, the policy's). */
    @Override
    public List<SchedThread> exportRunnable() {
        List<SchedThread> out = new ArrayList<>(queued());
        for (DispatchQueue<E> q : queues) {
            out.addAll(q.drain());
        }
        return out;
    }

    /** Each LWP enqueued as a wakeup on its CPU if that is online, else where {@link #selectCpu} places it. */
    @Override
    public void importRunnable(List<SchedThread> threads) {
        for (SchedThread t : threads) {
            int cpu = t.cpu();
            enqueue(t, cpu >= 0 && cpu < ncpus && host.online(cpu) ? cpu : selectCpu(t, -1), true);
        }
    }
}
