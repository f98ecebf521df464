package org.odonata.tck.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;

/** Schedulers with one deliberate bug each, written on the kit: the kit must name the property each breaks. */
final class BrokenSchedulers {

    private BrokenSchedulers() {
    }

    static UserSchedulerFactory factory(String name, boolean workConserving, Supplier<UserScheduler> make) {
        return new UserSchedulerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "broken on purpose: " + name;
            }

            @Override
            public UserScheduler create() {
                return make.get();
            }

            @Override
            public boolean workConserving() {
                return workConserving;
            }
        };
    }

    /** Drops every 40th LWP it picks: it is neither run nor queued any more. */
    static final class LosesLwps extends DsqScheduler<Entity> {
        private int picks;

        @Override
        protected Entity dispatch(int cpu) {
            Entity e = super.dispatch(cpu);
            return e != null && ++picks % 40 == 0 ? super.dispatch(cpu) : e;
        }
    }

    /** Places a waking LWP where it last ran, online or not. */
    static final class IgnoresOffline extends DsqScheduler<Entity> {
        @Override
        public int selectCpu(SchedThread t, int wakerCpu) {
            return t.cpu();
        }
    }

    /** Hands every queued LWP over twice at a swap. */
    static final class ExportsTwice extends DsqScheduler<Entity> {
        @Override
        public List<SchedThread> exportRunnable() {
            List<SchedThread> once = super.exportRunnable();
            List<SchedThread> twice = new ArrayList<>(once);
            twice.addAll(once);
            return twice;
        }
    }

    /** Queues on the CPU it is given and never kicks an idle one: work waits while CPUs idle. */
    static final class NeverKicks extends DsqScheduler<Entity> {
        @Override
        public void enqueue(SchedThread t, int cpu, boolean wakeup) {
            local(cpu).insert(entity(t));
        }

        @Override
        protected Entity dispatch(int cpu) {
            return local(cpu).poll();
        }
    }

    /** Runs the newest arrival first: a preempted LWP goes back to the head, so the oldest waiters starve. */
    static final class Lifo extends DsqScheduler<Entity> {
        @Override
        public void enqueue(SchedThread t, int cpu, boolean wakeup) {
            global().insertHead(entity(t));
            idle.kickIdle(cpu);
        }
    }

    /** Chooses among CPUs with an unseeded random source. */
    static final class Unseeded extends DsqScheduler<Entity> {
        private final Random random = new Random();

        @Override
        public int selectCpu(SchedThread t, int wakerCpu) {
            int cpu = random.nextInt(ncpus);
            return host.online(cpu) ? cpu : super.selectCpu(t, wakerCpu);
        }
    }

    /** Throws from its 300th tick. */
    static final class ThrowsFromTick extends DsqScheduler<Entity> {
        private int ticks;

        @Override
        public void tick(int cpu, SchedThread running) {
            if (++ticks >= 300) {
                throw new IllegalStateException("broken: tick " + ticks);
            }
            super.tick(cpu, running);
        }
    }
}
