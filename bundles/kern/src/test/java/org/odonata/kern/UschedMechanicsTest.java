package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.ThreadInfo;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.vfs.RootFs;

/**
 * The designated-thread mechanics the core owns, as DragonFly's kernel does them: helper threads
 * ({@code dfly_helper_thread}), synchronous fork placement ({@code start_forked_proc}), the IPC hint
 * ({@code td_wakefromcpu}), {@code wakeup_one}.
 */
class UschedMechanicsTest {

    /** The test FIFO with a helper that polls every hz tick and counts its runs per CPU. */
    private static final class PollingFifo extends TestFifoScheduler {
        final int[] helperRuns = new int[8];

        @Override
        public SchedThread helperPick(int cpu) {
            helperRuns[cpu]++;
            return pickNext(cpu);
        }

        @Override
        public int helperPollTicks() {
            return 1;
        }
    }

    /**
     * Every CPU has a helper thread at {@code TDPRI_USER_SCHEDULER}: it runs only when nothing else on its CPU is
     * runnable, so an idle CPU's helper polls once per hz tick (10 ms) and a CPU running a user thread never runs it.
     */
    @Test
    void helperThreadsPollIdleCpusEveryTickAndNeverRunUnderAUserThread() {
        PollingFifo policy = new PollingFifo();
        UserSchedulerFactory factory = new UserSchedulerFactory() {
            @Override
            public String name() {
                return "polling";
            }

            @Override
            public String description() {
                return "test FIFO whose helper polls";
            }

            @Override
            public UserScheduler create() {
                return policy;
            }
        };
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 1, org.odonata.api.engine.EngineKind.CONTINUATION),
                factory, TestTasTokens.factory("tas"), Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            List<ThreadInfo> helpers = k.threads().stream().filter(t -> t.name().startsWith("usched ")).toList();
            assertEquals(4, helpers.size());
            assertTrue(helpers.stream().allMatch(t -> t.pri() == Tdpri.USER_SCHEDULER), helpers.toString());
            k.spawn("hog", sys -> {
                while (true) {
                    sys.compute(1_000_000);
                }
            });
            k.runFor(Machines.ms(5));
            int hogCpu = k.threads().stream().filter(t -> t.name().equals("hog")).findFirst().orElseThrow().cpu();
            int[] before = policy.helperRuns.clone();
            k.runFor(Machines.ms(100));
            for (int cpu = 0; cpu < 4; cpu++) {
                int runs = policy.helperRuns[cpu] - before[cpu];
                if (cpu == hogCpu) {
                    assertEquals(0, runs, "the hog's CPU never runs its helper");
                } else {
                    assertTrue(runs >= 9 && runs <= 11, "cpu" + cpu + " polled " + runs + " times in 100 ms");
                }
            }
        }
    }

    /** The test FIFO recording each enqueue: tid, virtual time, and whether it was a wakeup or creation. */
    private static final class RecordingFifo extends TestFifoScheduler {
        final List<long[]> enqueues = new ArrayList<>();
        final List<Integer> hints = new ArrayList<>();
        private org.odonata.api.sched.SchedHost h;

        @Override
        public void init(org.odonata.api.sched.SchedHost host) {
            super.init(host);
            h = host;
        }

        @Override
        public void enqueue(SchedThread t, int cpu, boolean wakeup) {
            enqueues.add(new long[] {t.tid(), h.now(), wakeup ? 1 : 0});
            hints.add(t.wakeFromCpu());
            super.enqueue(t, cpu, wakeup);
        }
    }

    /**
     * {@code start_forked_proc} queues the child from the parent's context, at the instant of the fork, before the
     * child's thread ever runs; its IPC hint is the parent's CPU ({@code kern_fork.c}).
     */
    @Test
    void aForkedChildIsQueuedAtTheForkAndPairsWithItsParentsCpu() {
        RecordingFifo policy = new RecordingFifo();
        UserSchedulerFactory factory = new UserSchedulerFactory() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public String description() {
                return "test FIFO that records enqueues";
            }

            @Override
            public UserScheduler create() {
                return policy;
            }
        };
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 1, org.odonata.api.engine.EngineKind.CONTINUATION),
                factory, TestTasTokens.factory("tas"), Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            long[] fork = new long[4];
            k.spawn("parent", sys -> {
                fork[0] = sys.now();
                fork[1] = sys.fork(c -> c.compute(1_000));
                fork[2] = k.threads().stream().filter(t -> t.name().equals("parent")).findFirst().orElseThrow().cpu();
                fork[3] = k.threads().stream().filter(t -> t.pid() == fork[1]).findFirst().orElseThrow().tid();
                sys.waitpid();
            });
            k.runFor(Machines.ms(5));
            int i = 0;
            while (policy.enqueues.get(i)[0] != fork[3]) {
                i++;
            }
            long[] first = policy.enqueues.get(i);
            assertEquals(1, first[2], "queued as a new LWP");
            assertTrue(first[1] - fork[0] < 20_000, "queued " + (first[1] - fork[0]) + " ns after the fork began");
            assertEquals((int) fork[2], (int) policy.hints.get(i), "the child's wakefromcpu is the parent's CPU");
            k.checkConservation();
        }
    }

    /** {@code _wakeup} sets {@code td_wakefromcpu} to the CPU whose code called wakeup, even across an IPI. */
    @Test
    void everyWakeupRecordsTheWakersCpu() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            long[] sleeper = new long[1];
            sleeper[0] = kt.create("sleeper", 0, () -> kt.tsleep(ident, "wait", 0));
            kt.create("waker", 3, () -> {
                kt.tsleep(kt.newIdent(), "later", 1_000_000);
                kt.wakeup(ident);
            });
            k.runFor(Machines.ms(1) / 2);
            Td td = k.allThreads().stream().filter(t -> t.tid == sleeper[0]).findFirst().orElseThrow();
            assertEquals(-1, td.wakefromcpu);
            k.runFor(Machines.ms(2));
            assertEquals(3, td.wakefromcpu);
        }
    }

    /** {@code wakeup_one}: the first sleeper on the ident; {@code wakeup} then wakes the rest. */
    @Test
    void wakeupOneWakesTheFirstSleeperOnly() {
        try (SimKernel k = Machines.boot("uniprocessor", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            List<String> woke = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "sleeper" + i;
                kt.create(name, 0, () -> {
                    kt.tsleep(ident, "wait", 0);
                    woke.add(name);
                });
            }
            kt.create("waker", 0, () -> {
                kt.tsleep(kt.newIdent(), "later", 1_000_000);
                kt.wakeupOne(ident);
                kt.tsleep(kt.newIdent(), "later", 1_000_000);
                woke.add("then all");
                kt.wakeup(ident);
            });
            k.runFor(Machines.ms(1) + 500_000);
            assertEquals(List.of("sleeper0"), woke);
            k.runFor(Machines.ms(2));
            assertEquals(List.of("sleeper0", "then all", "sleeper1", "sleeper2"), woke);
        }
    }
}
