package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.pageout.ResidentPage;
import org.odonata.api.vm.VmSpace;

/** A pageout policy that throws or lies is ejected for the fallback; the process and the kernel go on. */
class PolicyEjectionTest {

    /** LRU that throws on its third victim, or (with {@code lie}) returns a page it invented instead. */
    static PageoutPolicyFactory faulty(boolean lie) {
        return new PageoutPolicyFactory() {
            @Override
            public String name() {
                return "faulty";
            }

            @Override
            public String description() {
                return "fails on its third victim";
            }

            @Override
            public PageoutPolicy create() {
                TestLru inner = new TestLru();
                return new PageoutPolicy() {
                    int victims;

                    @Override
                    public void init(PageoutHost host) {
                    }

                    @Override
                    public void admit(ResidentPage page) {
                        inner.admit(page);
                    }

                    @Override
                    public void remove(ResidentPage page) {
                        inner.remove(page);
                    }

                    @Override
                    public ResidentPage selectVictim() {
                        if (++victims == 3) {
                            if (lie) {
                                return new org.odonata.vm.page.VmPage(999_999, 0, 0);
                            }
                            throw new ArithmeticException("bug in the policy");
                        }
                        return inner.selectVictim();
                    }

                    @Override
                    public List<ResidentPage> export() {
                        return inner.export();
                    }
                };
            }
        };
    }

    long run(Kernel k) {
        AtomicLong faults = new AtomicLong(-1);
        k.vm().setFallback(TestLru.factory());
        k.spawn("victim", sys -> {
            long a = sys.mmap(0, 64 * 4096L, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                    VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
            sys.setrlimit(VmSpace.RLIMIT_RSS, 8 * 4096L);
            long f = 0;
            for (int round = 0; round < 3; round++) {
                f += sys.touch(a, 64 * 4096L, true);
            }
            faults.set(f);
        });
        k.runFor(2_000_000_000L);
        return faults.get();
    }

    @Test
    void aPolicyThatThrowsIsEjectedAndTheProcessFinishes() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, faulty(false))) {
            assertEquals(3 * 64, run(k), "every page faults in every round: 8 of 64 fit");
            List<String> f = k.faults();
            assertEquals(1, f.size(), f.toString());
            assertTrue(f.get(0).contains("pageout policy 'faulty' failed in selectVictim: "
                    + "java.lang.ArithmeticException: bug in the policy"), f.get(0));
            assertTrue(f.get(0).endsWith("continues with 'testlru'"), f.get(0));
        }
    }

    @Test
    void aVictimFromOutsideThePoolIsAnImpossibleDecision() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, faulty(true))) {
            assertEquals(3 * 64, run(k));
            assertTrue(k.faults().get(0).contains("a victim that is not in the pool"), k.faults().toString());
        }
    }
}
