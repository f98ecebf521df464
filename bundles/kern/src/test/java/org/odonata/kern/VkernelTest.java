package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.CpuTimes;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.ThreadInfo;
import org.odonata.api.kern.Vkernel;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.TopologySpec;
import org.odonata.kern.workload.Workloads;

/** A guest kernel run as a vkernel: its CPUs are LWPs of one host process ({@code platform/vkernel64}). */
class VkernelTest {

    private static final long SECOND = 1_000_000_000L;

    private static Kernel guest(SimKernel host, int vcpus, UserSchedulerFactory sched) {
        Machine m = new MachineFactoryComponent().create(new MachineSpec("guest", new TopologySpec("vk", 1, vcpus, 1,
                1, 1, 1).toTopology(), CostModel.defaults(), List.of(), 1, EngineKind.CONTINUATION),
                host.machine().engine());
        return new KernelFactoryComponent(Machines.LOCKS, Machines.vfs()).bootVkernel(host, m, sched,
                TestTasTokens.factory("tas"), null);
    }

    private static long userNanos(Kernel k) {
        return k.cpuTimes().stream().mapToLong(CpuTimes::userNanos).sum();
    }

    private static long guestLwpRuntime(Kernel g) {
        SimKernel k = (SimKernel) g;
        return g.threads().stream().filter(t -> t.pid() > 0).mapToLong(t -> k.lwpRuntime(t.tid())).sum();
    }

    @Test
    void eightHogsInATwoVcpuGuestUseAtMostTwoHostCpus() {
        try (SimKernel host = Machines.boot("smp-4", 3)) {
            Kernel g = guest(host, 2, TestFifoScheduler.factory("testfifo"));
            WorkloadRun hogs = Workloads.start(g, "cpuhog", List.of("8"));
            long before = userNanos(host);
            g.runFor(2 * SECOND);
            long hostUser = userNanos(host) - before;
            // host per-CPU accounting: the vCPU LWPs are the only user work, two CPUs' worth at most
            assertTrue(hostUser <= 2 * 2 * SECOND, "host user time " + hostUser);
            assertTrue(hostUser > 2 * 2 * SECOND * 95 / 100, "the two vCPUs ran nearly all the time: " + hostUser);
            List<ThreadInfo> vcpus = host.threads().stream().filter(t -> t.name().startsWith("vkernel/vcpu")).toList();
            assertEquals(2, vcpus.size());
            assertEquals(1, vcpus.stream().mapToInt(ThreadInfo::pid).distinct().count(), "one host process");
            // the guest's work advanced only while its vCPU LWPs ran
            long guestRan = guestLwpRuntime(g);
            Vkernel vk = g.vkernel();
            assertTrue(guestRan <= vk.hostNanos(), "guest ran " + guestRan + " > host gave " + vk.hostNanos());
            assertTrue(guestRan > vk.hostNanos() * 95 / 100, "guest ran " + guestRan + " of " + vk.hostNanos());
            assertTrue(hogs.counters().get("bursts") <= 2 * 2 * 1000, "bursts " + hogs.counters());
            assertEquals(g.now(), host.now(), "one virtual clock");
            host.checkConservation();
            ((SimKernel) g).checkConservation();
        }
    }

    @Test
    void hostLoadSlowsTheGuest() {
        try (SimKernel host = Machines.boot("smp-4", 5)) {
            Kernel g = guest(host, 2, TestFifoScheduler.factory("testfifo"));
            Workloads.start(g, "cpuhog", List.of("8"));
            // six host hogs and two vCPU LWPs share four host CPUs: the guest gets about half its two CPUs
            Workloads.start(host, "cpuhog", List.of("6"));
            host.runFor(2 * SECOND);
            long guestRan = guestLwpRuntime(g);
            assertTrue(guestRan < 2 * 2 * SECOND * 70 / 100, "guest ran " + guestRan);
            assertTrue(guestRan > 2 * 2 * SECOND * 30 / 100, "guest ran " + guestRan);
            assertTrue(guestRan <= g.vkernel().hostNanos());
            // the guest's clock and IPI interrupts that came while its vCPUs were off the host CPUs waited for them
            assertTrue(g.counters().get("vkernel.intr_deferred") > 0, "deferred: " + g.counters());
        }
    }

    @Test
    void everyGuestSystemCallPaysATrapThroughTheHost() {
        long bare;
        try (SimKernel k = Machines.boot("uniprocessor", 1)) {
            WorkloadRun r = Workloads.start(k, "pingpong", List.of());
            k.runFor(SECOND / 20);
            bare = r.counters().get("round_trips");
        }
        try (SimKernel host = Machines.boot("uniprocessor", 1)) {
            Kernel g = guest(host, 1, TestFifoScheduler.factory("testfifo"));
            WorkloadRun r = Workloads.start(g, "pingpong", List.of());
            g.runFor(SECOND / 20);
            long inGuest = r.counters().get("round_trips");
            // vkernel_trap and vmspace_ctl around each pipe read and write: slower, but the same order
            assertTrue(inGuest < bare * 95 / 100, "guest " + inGuest + " vs bare " + bare);
            assertTrue(inGuest > bare / 10, "guest " + inGuest + " vs bare " + bare);
        }
    }

    @Test
    void anIdleGuestSleepsInTheHost() {
        try (SimKernel host = Machines.boot("smp-4", 1)) {
            Kernel g = guest(host, 2, TestFifoScheduler.factory("testfifo"));
            host.runFor(SECOND);
            // only ticks: the vCPUs run for the guest's clock interrupts, a tiny fraction of the time
            assertTrue(g.vkernel().hostNanos() < SECOND / 100, "idle guest used " + g.vkernel().hostNanos());
            assertTrue(host.threads().stream().filter(t -> t.name().startsWith("vkernel/"))
                    .allMatch(t -> "vcpu".equals(t.wmesg()) || t.state() != org.odonata.api.kern.ThreadState.RUNNING));
        }
    }

    @Test
    void sameSeedSameDigestsForHostAndGuest() {
        String[] first = run(11);
        String[] again = run(11);
        assertEquals(first[0], again[0]);
        assertEquals(first[1], again[1]);
    }

    private static String[] run(long seed) {
        try (SimKernel host = Machines.boot("smp-4", seed)) {
            Kernel g = guest(host, 2, TestFifoScheduler.factory("testfifo"));
            Workloads.start(g, "pingpong", List.of("--pairs", "2"));
            Workloads.start(host, "cpuhog", List.of("3"));
            g.runFor(SECOND / 20);
            return new String[] {host.digest(), g.digest()};
        }
    }

    @Test
    void aGuestSchedulerSwapLeavesTheHostsAlone() {
        try (SimKernel host = Machines.boot("smp-4", 2)) {
            Kernel g = guest(host, 2, TestFifoScheduler.factory("testfifo"));
            Workloads.start(g, "cpuhog", List.of("4"));
            host.runFor(SECOND / 10);
            g.swapScheduler(TestPerCpuScheduler.factory("percpu"));
            host.runFor(SECOND / 10);
            assertEquals("percpu", g.scheduler());
            assertEquals("testfifo", host.scheduler());
            assertTrue(guestLwpRuntime(g) > 0);
            host.checkConservation();
            ((SimKernel) g).checkConservation();
        }
    }

    @Test
    void killingTheVkernelProcessTearsTheGuestDownAndTheHostGoesOn() {
        try (SimKernel host = Machines.boot("smp-4", 4)) {
            Kernel g = guest(host, 2, TestFifoScheduler.factory("testfifo"));
            Workloads.start(g, "cpuhog", List.of("4"));
            WorkloadRun hostHogs = Workloads.start(host, "cpuhog", List.of("2"));
            host.runFor(SECOND / 10);
            int pid = g.vkernel().hostPid();
            int procs = host.processes();
            assertTrue(host.kill(pid, 9));
            host.runFor(SECOND / 10);
            assertEquals(procs - 1, host.processes(), "the vkernel process is gone");
            assertTrue(host.threads().stream().noneMatch(t -> t.pid() == pid));
            assertFalse(g.vkernel().alive());
            long given = g.vkernel().hostNanos();
            long bursts = hostHogs.counters().get("bursts");
            host.runFor(SECOND / 10);
            assertEquals(given, g.vkernel().hostNanos(), "a torn-down guest gets no host CPU");
            assertTrue(hostHogs.counters().get("bursts") > bursts, "the host goes on");
            assertThrows(IllegalStateException.class, () -> g.runFor(1));
            host.checkConservation();
        }
    }

    @Test
    void aGuestWhoseSchedulerThrowsIsTornDownAndReported() {
        UserSchedulerFactory faulty = new UserSchedulerFactory() {
            @Override
            public String name() {
                return "faulty";
            }

            @Override
            public String description() {
                return "throws from its 50th pickNext";
            }

            @Override
            public UserScheduler create() {
                return new TestFifoScheduler() {
                    private int picks;

                    @Override
                    public SchedThread pickNext(int cpu) {
                        if (++picks == 50) {
                            throw new IllegalStateException("boom");
                        }
                        return super.pickNext(cpu);
                    }
                };
            }
        };
        try (SimKernel host = Machines.boot("smp-4", 6)) {
            Kernel g = guest(host, 2, faulty);
            Workloads.start(g, "cpuhog", List.of("4"));
            WorkloadRun hostHogs = Workloads.start(host, "cpuhog", List.of("2"));
            host.runFor(2 * SECOND);
            Vkernel vk = g.vkernel();
            assertNotNull(vk.teardown(), "torn down");
            assertTrue(vk.teardown().contains("boom"), vk.teardown());
            assertTrue(host.faults().stream().anyMatch(f -> f.contains("torn down") && f.contains("boom")),
                    String.join("\n", host.faults()));
            assertTrue(host.threads().stream().noneMatch(t -> t.pid() == vk.hostPid()));
            long bursts = hostHogs.counters().get("bursts");
            host.runFor(SECOND / 10);
            assertTrue(hostHogs.counters().get("bursts") > bursts, "the host goes on");
            host.checkConservation();
        }
    }
}
