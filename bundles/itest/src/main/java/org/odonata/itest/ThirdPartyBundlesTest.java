package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.bundle.BundleVerifier;
import org.odonata.api.bundle.Rule;
import org.odonata.api.bundle.Verdict;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * What a third party's bundle meets in the framework: the verifier refuses one that reads the host clock, unless
 * the user allows it; the conformance kit runs from the shell; a scheduler that throws is ejected visibly.
 */
class ThirdPartyBundlesTest {

    /** Reads the host clock: what the verifier must refuse. */
    public static final class HostClockScheduler extends DsqScheduler<Entity> {
        @Override
        public int selectCpu(SchedThread t, int wakerCpu) {
            return (int) (System.nanoTime() % ncpus);
        }
    }

    /** Throws from its {@code failAt}th pick: what the kit must fail and the kernel must eject, visibly. */
    public static final class ThrowingScheduler extends DsqScheduler<Entity> {
        private final int failAt;
        private int picks;

        ThrowingScheduler(int failAt) {
            this.failAt = failAt;
        }

        @Override
        protected Entity dispatch(int cpu) {
            if (++picks == failAt) {
                throw new IllegalStateException("broken on purpose");
            }
            return super.dispatch(cpu);
        }
    }

    private static UserSchedulerFactory factory(String name, java.util.function.Supplier<UserScheduler> make) {
        return new UserSchedulerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "registered by the integration tests";
            }

            @Override
            public UserScheduler create() {
                return make.get();
            }

            @Override
            public boolean workConserving() {
                return true;
            }
        };
    }

    private static ServiceRegistration<UserSchedulerFactory> register(UserSchedulerFactory f) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", f.name());
        return Framework.context().registerService(UserSchedulerFactory.class, f, props);
    }

    /** A subsystem bundle holding the host-clock scheduler's class, as an outside build would make it. */
    private static Path jarWithHostClock(Path dir) throws Exception {
        return TestBundles.jar(dir.resolve("hostclock.jar"), "edu.example.hostclock",
                Map.of("Import-Package", "org.odonata.api.sched,org.odonata.api.sched.kit"), HostClockScheduler.class);
    }

    @Test
    void aBundleThatReadsTheHostClockIsRefusedUntilTheUserAllowsIt(@TempDir Path dir) throws Exception {
        BundleVerifier verifier = Framework.service(BundleVerifier.class);
        Path jar = jarWithHostClock(dir);
        Verdict v = verifier.verify(jar);
        assertEquals("refused: 1 violation (host-clock)", v.summary());
        assertEquals(Rule.HOST_CLOCK, v.violations().get(0).rule());
        assertTrue(v.violations().get(0).method().startsWith("selectCpu("), v.violations().toString());
        Bundle b = Framework.context().installBundle(jar.toUri().toString());
        try {
            assertEquals(v, verifier.verdictOf(b.getBundleId()).orElseThrow());
            FrameworkWiring wiring = Framework.context().getBundle(0).adapt(FrameworkWiring.class);
            assertFalse(wiring.resolveBundles(List.of(b)), "refused: none of its classes may load");
            assertEquals(Bundle.INSTALLED, b.getState());
            assertThrows(ClassNotFoundException.class, () -> b.loadClass(HostClockScheduler.class.getName()));
            verifier.allowUnsafe(v.sha256());
            assertEquals("unsafe: 1 violation (host-clock)", verifier.verdictOf(b.getBundleId()).orElseThrow()
                    .summary());
            assertTrue(wiring.resolveBundles(List.of(b)), "allowed with --unsafe, it resolves");
        } finally {
            b.uninstall();
        }
    }

    @Test
    void theConformanceKitRunsFromTheShellAndFailsABrokenScheduler() throws Exception {
        String out = Framework.run("tck:run sched rr");
        assertTrue(out.contains("PASS  conservation: ") && out.contains("sched kit, rr: 7 passed, 0 failed"), out);
        ServiceRegistration<UserSchedulerFactory> reg = register(factory("itest-throws",
                () -> new ThrowingScheduler(50)));
        try {
            Exception failed = assertThrows(Exception.class, () -> Framework.run("tck:run sched itest-throws"));
            assertTrue(failed.getMessage().startsWith("sched kit, itest-throws: 0 passed, 7 failed")
                    && failed.getMessage().contains("(conservation, offline,"), failed.getMessage());
        } finally {
            reg.unregister();
        }
    }

    /** Grants every request and forgets every release: no lock at all. */
    private static final TokenAlgorithmFactory OPEN = new TokenAlgorithmFactory() {
        @Override
        public String name() {
            return "itest-open";
        }

        @Override
        public String description() {
            return "registered by the integration tests: no lock at all";
        }

        @Override
        public TokenAlgorithm create() {
            return new PerTokenAlgorithm(name(), (name, host) -> new TokenLock() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
                    return true;
                }

                @Override
                public boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
                    return true;
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
            });
        }
    };

    @Test
    void tmpfsAndHammerPassTheFilesystemKitAndVmPoliciesThePageoutKit() throws Exception {
        String out = Framework.run("tck:run fs tmpfs");
        assertTrue(out.contains("PASS  model: ") && out.contains("fs kit, tmpfs: 3 passed, 0 failed"), out);
        out = Framework.run("tck:run fs hammer");
        assertTrue(out.contains("fs kit, hammer: 3 passed, 0 failed"), "a device filesystem, on a blank disk: " + out);
        out = Framework.run("tck:run vm clock");
        assertTrue(out.contains("vm kit, clock: 3 passed, 0 failed"), out);
        Exception unknown = assertThrows(Exception.class, () -> Framework.run("tck:run fs nosuchfs"));
        assertTrue(unknown.getMessage().contains("fs kit, nosuchfs: 0 passed, 3 failed"), unknown.getMessage());
    }

    /** LWKT tokens' own build has no kernel (the kernel's tests use them): their kernel-level properties here. */
    @Test
    void theTokenKitChecksLwktTokensInAKernelAndFailsNoLockAtAll() throws Exception {
        String out = Framework.run("tck:run sync lwkt");
        assertTrue(out.contains("PASS  all-or-nothing: ") && out.contains("sync kit, lwkt: 10 passed, 0 failed"), out);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", OPEN.name());
        ServiceRegistration<TokenAlgorithmFactory> reg = Framework.context().registerService(
                TokenAlgorithmFactory.class, OPEN, props);
        try {
            Exception failed = assertThrows(Exception.class, () -> Framework.run("tck:run sync itest-open"));
            assertTrue(failed.getMessage().contains("(mutual-exclusion, ") && failed.getMessage().contains(
                    "all-or-nothing"), failed.getMessage());
        } finally {
            reg.unregister();
        }
    }

    @Test
    void aThrowingSchedulerIsEjectedVisiblyWithAStackTraceAndADump() throws Exception {
        // its third pick, among the first picks of 6 hogs on 4 CPUs (100 ms slices leave few picks in 200 ms): a
        // pickNext or an idle CPU's helper thread's helperPick
        ServiceRegistration<UserSchedulerFactory> reg = register(factory("itest-throws",
                () -> new ThrowingScheduler(3)));
        try {
            String out = Framework.run("kern:boot --preset smp-4 --sched itest-throws; kern:run cpuhog 6 --for 200ms");
            assertTrue(out.matches("(?s).*sched: 'itest-throws' ejected at \\d+\\.\\dms: (pickNext|helperPick) threw "
                    + "IllegalStateException: broken on purpose; now 'dfly'.*"), out);
            String faults = Framework.run("kern:faults");
            assertTrue(faults.contains("1. sched: 'itest-throws' ejected at"), faults);
            assertTrue(faults.contains("ThrowingScheduler.dispatch"), "the stack trace: " + faults);
            assertTrue(faults.contains("last decisions (oldest first):") && faults.contains("pickNext(cpu"), faults);
        } finally {
            reg.unregister();
        }
    }
}
