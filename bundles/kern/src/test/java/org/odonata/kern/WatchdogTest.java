package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Fault;
import org.odonata.api.machine.Machine;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.vfs.RootFs;

/** The watchdog ejects what starves threads or breaks tokens, and blames nobody for what a kernel thread does. */
class WatchdogTest {

    private static UserSchedulerFactory factory(String name, java.util.function.Supplier<UserScheduler> make) {
        return new UserSchedulerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public UserScheduler create() {
                return make.get();
            }
        };
    }

    /** Newest first: an LWP preempted goes back to the head, so the oldest waiters wait for ever. */
    private static UserSchedulerFactory lifo() {
        return factory("lifo", () -> new DsqScheduler<Entity>() {
            @Override
            public void enqueue(SchedThread t, int cpu, boolean wakeup) {
                global().insertHead(entity(t));
                idle.kickIdle(cpu);
            }
        });
    }

    private static SimKernel boot(String preset, UserSchedulerFactory sched, TokenAlgorithmFactory tokens) {
        Machine m = Machines.machine(preset, 1, EngineKind.CONTINUATION);
        SimKernel k = new SimKernel(m, sched, tokens, Machines.LOCKS, Machines.vfs(), RootFs.TMPFS);
        k.setFallback(TestFifoScheduler.factory("testfifo"), TestTasTokens.factory("tas"));
        return k;
    }

    private static void hogs(SimKernel k, int n) {
        for (int i = 0; i < n; i++) {
            k.spawn("hog" + i, sys -> {
                while (true) {
                    sys.compute(3_000_000);
                }
            });
        }
    }

    @Test
    void aSchedulerThatStarvesAnLwpPastTheTimeoutIsEjectedWithADump() {
        try (SimKernel k = boot("laptop-4c8t", lifo(), TestTasTokens.factory("tas"))) {
            List<Fault> told = new ArrayList<>();
            k.setFaultListener(told::add);
            k.sysctl("watchdog.timeout_ns", 300_000_000L);
            hogs(k, 12);
            k.runFor(Machines.ms(1_500));
            assertEquals("testfifo", k.scheduler());
            assertEquals(1, told.size(), k.faults().toString());
            Fault f = told.get(0);
            assertEquals(k.faultReports(), told);
            assertEquals("lifo", f.implementation());
            assertEquals("testfifo", f.fallback());
            assertTrue(f.reason().startsWith("watchdog: lwp ") && f.reason().contains("(timeout 300.0ms) while the "
                    + "scheduler chose others"), f.reason());
            assertTrue(f.time() > 300_000_000L && f.time() < 500_000_000L, "noticed within a period: " + f.time());
            assertTrue(f.line().startsWith("sched: 'lifo' ejected at "), f.line());
            assertTrue(f.line().endsWith("; now 'testfifo'"), f.line());
            assertTrue(f.dump().contains("last decisions (oldest first):"), f.dump().toString());
            assertTrue(f.dump().stream().anyMatch(l -> l.contains("pickNext(cpu")), f.dump().toString());
            assertTrue(f.dump().stream().anyMatch(l -> l.startsWith("  cpu7: running ")), f.dump().toString());
            assertTrue(f.dump().stream().anyMatch(l -> l.startsWith("queued in the user scheduler (4, ")),
                    f.dump().toString());
            k.checkConservation();
        }
    }

    @Test
    void aFairSchedulerWithinItsQuantumsIsNeverBlamed() {
        try (SimKernel k = boot("laptop-4c8t", TestFifoScheduler.factory("fair"), TestTasTokens.factory("tas"))) {
            k.sysctl("watchdog.timeout_ns", 300_000_000L);
            hogs(k, 12);
            k.runFor(Machines.ms(2_000));
            assertEquals("fair", k.scheduler());
            assertEquals(List.of(), k.faults());
        }
    }

    @Test
    void anLwpWaitingBehindKernelCodeIsNotBlamedOnTheScheduler() {
        try (SimKernel k = boot("uniprocessor", lifo(), TestTasTokens.factory("tas"))) {
            k.sysctl("watchdog.timeout_ns", 100_000_000L);
            k.spawn("kernel-hog", sys -> sys.computeInKernel(1_500_000_000L));
            k.spawn("waiter", sys -> sys.compute(1_000));
            k.runFor(Machines.ms(400));
            assertEquals("lifo", k.scheduler(), k.faults().toString());
        }
    }

    @Test
    void aThrowingSchedulerIsEjectedAtOnceWithItsStackTrace() {
        UserSchedulerFactory faulty = factory("faulty", () -> new TestFifoScheduler() {
            private int ticks;

            @Override
            public void tick(int cpu, SchedThread running) {
                if (++ticks == 20) {
                    throw new IllegalStateException("boom");
                }
                super.tick(cpu, running);
            }
        });
        try (SimKernel k = boot("smp-4", faulty, TestTasTokens.factory("tas"))) {
            hogs(k, 6);
            k.runFor(Machines.ms(200));
            Fault f = k.faultReports().get(0);
            assertEquals("tick threw IllegalStateException: boom", f.reason());
            assertTrue(f.stackTrace().contains("WatchdogTest"), f.stackTrace());
            assertTrue(f.line().matches("sched: 'faulty' ejected at \\d+\\.\\dms: tick threw IllegalStateException: "
                    + "boom; now 'testfifo'"), f.line());
        }
    }

    /** Test-and-set tokens with one token changed by {@code wrap}. */
    private static TokenAlgorithmFactory tokens(String name, String token,
            java.util.function.UnaryOperator<TokenLock> wrap) {
        return TokenStatsAndSwapTest.wrapped(name, l -> l.name().equals(token) ? wrap.apply(l) : l);
    }

    /** {@code lock}, except for what {@code tryAcquire} and {@code acquire} answer. */
    private static TokenLock answering(TokenLock lock, boolean answer) {
        return new ForwardingTokenLock(lock) {
            @Override
            public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
                return answer;
            }

            @Override
            public boolean acquire(int cpu, long owner, TokenMode mode, long budget) {
                return answer;
            }

            @Override
            public void release(int cpu, long owner, TokenMode mode) {
            }

            @Override
            public long spinCycles() {
                return 0;
            }

            @Override
            public void abandon() {
            }
        };
    }

    private static void vmUsers(SimKernel k, int n) {
        for (int i = 0; i < n; i++) {
            k.spawn("vm" + i, sys -> {
                while (true) {
                    sys.withToken("vm", false, () -> sys.computeInKernel(20_000));
                    sys.compute(5_000);
                }
            });
        }
    }

    @Test
    void tokensThatLetTwoHoldersInAreEjectedAtOnce() {
        try (SimKernel k = boot("smp-4", TestFifoScheduler.factory("fifo"),
                tokens("open", "vm_token", l -> answering(l, true)))) {
            vmUsers(k, 4);
            k.runFor(Machines.ms(20));
            assertEquals("tas", k.tokens());
            Fault f = k.faultReports().get(0);
            assertTrue(f.reason().matches("(try)?[aA]cquire granted vm_token \\(exclusive\\) to td\\d+ while it is held "
                    + "exclusive td\\d+: mutual exclusion broken"), f.reason());
            assertTrue(f.dump().stream().anyMatch(l -> l.startsWith("  vm_token: exclusive td")), f.dump().toString());
            assertTrue(f.dump().stream().anyMatch(l -> l.contains("vm_token granted to td")), f.dump().toString());
            k.checkConservation();
        }
    }

    @Test
    void tokensThatRefuseAFreeTokenForTheTimeoutAreEjected() {
        try (SimKernel k = boot("smp-4", TestFifoScheduler.factory("fifo"),
                tokens("stuck", "vm_token", l -> answering(l, false)))) {
            k.sysctl("watchdog.timeout_ns", 50_000_000L);
            vmUsers(k, 2);
            k.runFor(Machines.ms(300));
            assertEquals("tas", k.tokens(), k.faults().toString());
            Fault f = k.faultReports().get(0);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("watchdog: stuck keeps refusing vm_token to "
                    + "td\\d+\\(vm\\d\\)@cpu\\d although nobody has held it for (\\d+\\.\\d)ms \\(timeout 50\\.0ms\\)")
                    .matcher(f.reason());
            assertTrue(m.matches(), f.reason());
            double free = Double.parseDouble(m.group(1));
            assertTrue(free > 50 && free < 75, "ejected once the token was free for more than the timeout: " + free);
            assertEquals("", f.stackTrace(), "nothing threw");
            k.checkConservation();
        }
    }

    /** {@code lock}, until it has granted {@code grants} times; then it refuses everyone. */
    private static TokenLock refusingAfter(TokenLock lock, int grants) {
        int[] granted = new int[1];
        return new ForwardingTokenLock(lock) {
            @Override
            public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
                boolean ok = granted[0] < grants && lock.tryAcquire(cpu, owner, mode);
                granted[0] += ok ? 1 : 0;
                return ok;
            }

            @Override
            public boolean acquire(int cpu, long owner, TokenMode mode, long budget) {
                boolean ok = granted[0] < grants && lock.acquire(cpu, owner, mode, budget);
                granted[0] += ok ? 1 : 0;
                return ok;
            }
        };
    }

    /**
     * Tokens that worked for a while and then refuse a free token: the watchdog times the refusal from the last
     * release, not from boot, and says for how long nobody has held it.
     */
    @Test
    void tokensThatStopGrantingAreEjectedATimeoutAfterTheLastRelease() {
        try (SimKernel k = boot("smp-4", TestFifoScheduler.factory("fifo"),
                tokens("tiring", "vm_token", l -> refusingAfter(l, 4_000)))) {
            k.sysctl("watchdog.timeout_ns", 50_000_000L);
            vmUsers(k, 2);
            k.runFor(Machines.ms(300));
            assertEquals("tas", k.tokens(), k.faults().toString());
            Fault f = k.faultReports().get(0);
            java.util.regex.Matcher reason = java.util.regex.Pattern.compile(".*although nobody has held it for "
                    + "(\\d+\\.\\d)ms \\(timeout 50\\.0ms\\)").matcher(f.reason());
            assertTrue(reason.matches(), f.reason());
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("sync: 'tiring' ejected at (\\d+\\.\\d)ms: .*")
                    .matcher(f.line());
            assertTrue(at.matches(), f.line());
            double free = Double.parseDouble(reason.group(1));
            double ejected = Double.parseDouble(at.group(1));
            assertTrue(free > 50 && free < 75, "free for " + free + " ms");
            assertTrue(ejected > free + 10, "the token was held until " + (ejected - free) + " ms; ejected at " + ejected);
            k.checkConservation();
        }
    }
}
