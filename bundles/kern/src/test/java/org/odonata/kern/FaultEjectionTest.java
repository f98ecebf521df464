package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.vfs.RootFs;
import org.odonata.kern.workload.Workloads;

class FaultEjectionTest {

    /** The test FIFO, except that its 200th pickNext throws. */
    private static UserSchedulerFactory faultyScheduler() {
        return new UserSchedulerFactory() {
            @Override
            public String name() {
                return "faulty";
            }

            @Override
            public String description() {
                return "throws from pickNext";
            }

            @Override
            public UserScheduler create() {
                return new TestFifoScheduler() {
                    private int picks;

                    @Override
                    public org.odonata.api.sched.SchedThread pickNext(int cpu) {
                        if (++picks == 200) {
                            throw new IllegalStateException("boom");
                        }
                        return super.pickNext(cpu);
                    }
                };
            }
        };
    }

    /** Test-and-set tokens whose 500th release throws. */
    private static TokenAlgorithmFactory faultyTokens() {
        return new TokenAlgorithmFactory() {
            int releases;

            @Override
            public String name() {
                return "faulty-tokens";
            }

            @Override
            public String description() {
                return "throws from release";
            }

            @Override
            public TokenAlgorithm create() {
                TestTasTokens base = new TestTasTokens();
                return new TokenAlgorithm() {
                    @Override
                    public void init(org.odonata.api.sync.SyncHost host) {
                        base.init(host);
                    }

                    @Override
                    public TokenLock newToken(String name) {
                        return new ForwardingTokenLock(base.newToken(name)) {
                            @Override
                            public void release(int cpu, long owner, TokenMode mode) {
                                if (++releases == 500) {
                                    throw new IllegalStateException("bang");
                                }
                                lock.release(cpu, owner, mode);
                            }
                        };
                    }
                };
            }
        };
    }

    @Test
    void aThrowingSchedulerIsEjectedForTheFallbackAndNothingIsLost() {
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 3, EngineKind.CONTINUATION), faultyScheduler(),
                TestTasTokens.factory("tas"), Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            k.setFallback(TestFifoScheduler.factory("fallback"), null);
            WorkloadRun run = Workloads.start(k, "pingpong", List.of("--pairs", "4"));
            Workloads.start(k, "cpuhog", List.of("3"));
            k.runFor(Machines.ms(100));
            assertEquals("fallback", k.scheduler());
            assertEquals(1, k.faults().size(), k.faults().toString());
            assertTrue(k.faults().get(0).contains("faulty") && k.faults().get(0).contains("boom"), k.faults().get(0));
            k.checkConservation();
            long before = run.counters().get("round_trips");
            k.runFor(Machines.ms(20));
            assertTrue(run.counters().get("round_trips") > before);
        }
    }

    @Test
    void aThrowingTokenImplementationIsEjectedForTheFallback() {
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 3, EngineKind.CONTINUATION),
                TestFifoScheduler.factory("fifo"), faultyTokens(), Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            k.setFallback(null, TestTasTokens.factory("tas"));
            WorkloadRun run = Workloads.start(k, "tokens", List.of("6", "--hold", "5us"));
            k.runFor(Machines.ms(50));
            assertEquals("tas", k.tokens());
            assertEquals(1, k.faults().size(), k.faults().toString());
            assertTrue(k.faults().get(0).contains("bang"), k.faults().get(0));
            long before = run.counters().get("holds");
            k.runFor(Machines.ms(20));
            assertTrue(run.counters().get("holds") > before);
            k.checkConservation();
        }
    }
}
