package org.odonata.experiments.rtapp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.sched.SchedClass;
import org.odonata.experiments.workload.RunRecord;
import org.odonata.experiments.workload.SimWorkload;

/**
 * One rt-app thread instance as a user program: its policy, its delay, then its phases in order, each
 * {@code loop} times, the whole {@code loop} times. Events map onto system calls: {@code run} is CPU work of
 * that many microseconds at the machine's clock, {@code runtime} computes until that much virtual time has
 * passed, {@code sleep} is nanosleep, {@code timer} sleeps until the next absolute period of its reference,
 * locks, conditions, suspend/resume and barriers block in the kernel through {@link RtAppSync}, {@code fork}
 * forks a new instance of the named task, {@code mem} costs one DRAM line fill per 64 bytes and
 * {@code iorun} a kernel copy of 8 bytes per cycle (rt-app writes to /dev/null).
 */
final class RtAppThread implements UserProgram {

    /** Slices of a {@code runtime} event, so the time check follows preemption closely. */
    private static final long RUNTIME_SLICE_NANOS = 50_000;

    private final RtAppTask task;
    private final RtAppWorkload.Context ctx;
    private final WakeChannel channel;
    private final Map<String, Long> timers = new HashMap<>();

    RtAppThread(RtAppTask task, RtAppWorkload.Context ctx, WakeChannel channel) {
        this.task = task;
        this.ctx = ctx;
        this.channel = channel;
    }

    @Override
    public void main(Syscalls sys) {
        applyPolicy(sys);
        if (task.delayMicros() > 0) {
            sys.nanosleep(task.delayMicros() * 1_000);
        }
        RunRecord run = ctx.run();
        for (long i = 0; task.loop() < 0 || i < task.loop(); i++) {
            for (RtAppPhase phase : task.phases()) {
                for (long j = 0; phase.loop() < 0 || j < phase.loop(); j++) {
                    execute(sys, phase.events(), 0, phase.events().size(), false);
                }
            }
            run.add("loops", 1);
        }
    }

    private void applyPolicy(Syscalls sys) {
        RtAppPolicy p = task.policy();
        if (p.schedClass() != SchedClass.NORMAL) {
            sys.setSchedClass(p.schedClass(), p.level());
        } else if (p.nice() != 0) {
            sys.setNice(p.nice());
        }
    }

    /** Runs events [from, to); inside a token-held lock region when {@code inKernel}. */
    private void execute(Syscalls sys, List<RtAppEvent> events, int from, int to, boolean inKernel) {
        for (int i = from; i < to; i++) {
            RtAppEvent e = events.get(i);
            ctx.run().add("events", 1);
            switch (e.kind()) {
                case RUN -> {
                    long start = sys.now();
                    long cycles = ctx.cycles(e.amount() * 1_000);
                    if (inKernel) {
                        sys.computeInKernel(cycles);
                    } else {
                        sys.compute(cycles);
                    }
                    ctx.run().record("run_delay", sys.now() - start - e.amount() * 1_000);
                }
                case RUNTIME -> {
                    long end = sys.now() + e.amount() * 1_000;
                    for (long now = sys.now(); now < end; now = sys.now()) {
                        long slice = ctx.cycles(Math.min(RUNTIME_SLICE_NANOS, end - now));
                        if (inKernel) {
                            sys.computeInKernel(Math.max(1, slice));
                        } else {
                            sys.compute(Math.max(1, slice));
                        }
                    }
                }
                case SLEEP -> sys.nanosleep(e.amount() * 1_000);
                case TIMER -> timer(sys, e);
                case LOCK -> {
                    if (ctx.tokenLocks()) {
                        int start = i + 1;
                        int end = matchingUnlock(events, i, to, e.ref());
                        sys.withToken("rtapp." + e.ref(), false, () -> execute(sys, events, start, end, true));
                        i = end;
                    } else {
                        ctx.sync().lock(sys, e.ref(), channel);
                    }
                }
                case UNLOCK -> ctx.sync().unlock(sys, e.ref());
                case WAIT -> ctx.sync().await(sys, e.ref(), e.mutex(), channel);
                case SIGNAL -> ctx.sync().signal(sys, e.ref());
                case BROADCAST -> ctx.sync().broadcast(sys, e.ref());
                case SYNC -> {
                    ctx.sync().signal(sys, e.ref());
                    ctx.sync().await(sys, e.ref(), e.mutex(), channel);
                }
                case SUSPEND -> ctx.sync().await(sys, "suspend:" + e.ref(), null, channel);
                case RESUME -> ctx.sync().broadcast(sys, "suspend:" + e.ref());
                case BARRIER -> ctx.sync().arrive(sys, e.ref(), channel);
                case FORK -> {
                    RtAppTask child = ctx.file().task(e.ref());
                    WakeChannel own = new WakeChannel(sys.pipe());
                    SimWorkload.fork(sys, new RtAppThread(child, ctx, own));
                }
                case YIELD -> sys.schedYield();
                case MEM -> sys.compute(Math.max(1, e.amount() / 64) * ctx.lineMemoryCycles());
                case IORUN -> sys.computeInKernel(Math.max(1, e.amount() / 8));
                default -> throw new AssertionError(e.kind());
            }
        }
    }

    private void timer(Syscalls sys, RtAppEvent e) {
        long period = e.amount() * 1_000;
        long now = sys.now();
        long due = timers.containsKey(e.ref()) ? timers.get(e.ref()) + period : now + period;
        timers.put(e.ref(), due);
        if (due > now) {
            sys.nanosleep(due - now);
            ctx.run().record("timer", sys.now() - due);
        } else {
            ctx.run().add("timer_overruns", 1);
        }
    }

    /** The index of the unlock closing the lock at {@code at}, for token-held regions. */
    static int matchingUnlock(List<RtAppEvent> events, int at, int to, String ref) {
        for (int i = at + 1; i < to; i++) {
            if (events.get(i).kind() == RtAppEvent.Kind.UNLOCK && ref.equals(events.get(i).ref())) {
                return i;
            }
        }
        throw new IllegalArgumentException("lock \"" + ref + "\" has no unlock in the same phase");
    }
}
