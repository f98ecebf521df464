package org.odonata.pageout.dfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.ResidentPage;
import org.odonata.api.vm.VmSpace;
import org.odonata.vm.VmKernels;

/** dfly's queues (vm_pageout_scan_inactive/_active) on hand-made pages, then in a kernel against a scan. */
class DflyPolicyTest {

    /** A page whose accessed bit and dirty bit the test sets. */
    static final class Page implements ResidentPage {
        final long frame;
        boolean dirty;
        Object data;

        Page(long frame) {
            this.frame = frame;
        }

        @Override
        public long frame() {
            return frame;
        }

        @Override
        public boolean dirty() {
            return dirty;
        }

        @Override
        public Object policyData() {
            return data;
        }

        @Override
        public void setPolicyData(Object d) {
            data = d;
        }
    }

    /** A pool of {@code capacity} whose accessed bits are the set {@code referenced}. */
    static PageoutHost host(long capacity, Set<ResidentPage> referenced) {
        return new PageoutHost() {
            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public long resident() {
                return 0;
            }

            @Override
            public boolean testAndClearReferenced(ResidentPage page) {
                return referenced.remove(page);
            }

            @Override
            public boolean knowsFuture() {
                return false;
            }

            @Override
            public long nextUse(ResidentPage page) {
                throw new IllegalStateException();
            }

            @Override
            public RandomGenerator random() {
                return RandomGenerator.of("L64X128MixRandom");
            }

            @Override
            public long now() {
                return 0;
            }
        };
    }

    @Test
    void anUnreferencedPageAgesOutOfTheActiveQueueAfterActInitScans() {
        Set<ResidentPage> refd = new HashSet<>();
        DflyPolicy p = new DflyPolicy();
        p.init(host(4, refd));
        Page a = new Page(1);
        Page b = new Page(2);
        p.admit(a);
        p.admit(b);
        refd.add(b);
        // a declines by ACT_DECLINE per active scan from ACT_INIT and is deactivated in the fifth, before b is
        // looked at; b gains ACT_ADVANCE + 1 in the first scan and declines in the three between
        assertSame(a, p.selectVictim(), "the unreferenced page goes first");
        assertEquals(DflyPolicy.ACT_INIT + DflyPolicy.ACT_ADVANCE + 1 - 3 * DflyPolicy.ACT_DECLINE,
                ((DflyPolicy.State) b.data).actCount);
    }

    @Test
    void aDirtyInactivePageIsCycledOnceBeforeItIsLaundered() {
        Set<ResidentPage> refd = new HashSet<>();
        DflyPolicy p = new DflyPolicy();
        p.init(host(8, refd));
        Page dirty = new Page(1);
        dirty.dirty = true;
        Page clean = new Page(2);
        p.admit(dirty);
        p.admit(clean);
        assertSame(clean, p.selectVictim(), "PG_WINATCFLS: the clean page behind it goes first");
        assertSame(dirty, p.selectVictim(), "then the dirty one, on its second pass");
    }

    @Test
    void aHotSetSurvivesAScanThatFlushesFifo() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, new DflyFactory())) {
            AtomicLong hotRefaults = new AtomicLong(-1);
            AtomicLong streamFaults = new AtomicLong(-1);
            k.spawn("scan", sys -> {
                long a = sys.mmap(0, 4096L * 4096, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                        VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                sys.setrlimit(VmSpace.RLIMIT_RSS, 32 * 4096);
                long hot = 0;
                long stream = 0;
                for (int i = 0; i < 2000; i++) {
                    long f = sys.touch(a, 8 * 4096, false);
                    if (i >= 100) {
                        hot += f;
                    }
                    stream += sys.touch(a + (16 + i) * 4096L, 1, false);
                }
                hotRefaults.set(hot);
                streamFaults.set(stream);
            });
            k.runFor(10_000_000_000L);
            assertEquals(2000, streamFaults.get(), "every stream page is new");
            assertTrue(hotRefaults.get() < 20, "the 8 hot pages stay active: " + hotRefaults.get() + " refaults");
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }
}
