package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.vm.VmSpace;
import org.odonata.api.vm.VmStats;

/** vm_fault's cases as a process sees them: zero-fill, SIGSEGV, protection, COW after fork, unmap. */
class FaultPathTest {

    static final int RW = VmSpace.PROT_READ | VmSpace.PROT_WRITE;
    static final int ANON = VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE;
    static final long PAGE = 4096;

    @Test
    void firstTouchOfEachPageZeroFillsItAndTheSecondTakesNoFault() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            AtomicLong first = new AtomicLong(-1);
            AtomicLong second = new AtomicLong(-1);
            k.spawn("zf", sys -> {
                long a = sys.mmap(0, 16 * PAGE, RW, ANON, -1, 0);
                first.set(sys.touch(a, 16 * PAGE, true));
                second.set(sys.touch(a, 16 * PAGE, false));
            });
            k.runFor(10_000_000);
            assertEquals(16, first.get(), "one fault per page on first touch");
            assertEquals(0, second.get(), "resident, mapped pages take no fault");
            assertEquals(16, k.vm().stats().zeroFills());
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }

    @Test
    void anAccessOutsideEveryMappingKillsOnlyThatProcessWithSigsegv() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            AtomicBoolean survived = new AtomicBoolean();
            AtomicLong otherFaults = new AtomicLong(-1);
            k.spawn("wild", sys -> {
                sys.touch(0xdead_0000L, 8, true);
                survived.set(true);
            });
            k.spawn("tame", sys -> {
                long a = sys.mmap(0, 4 * PAGE, RW, ANON, -1, 0);
                sys.nanosleep(1_000_000);
                otherFaults.set(sys.touch(a, 4 * PAGE, true));
            });
            k.runFor(10_000_000);
            assertTrue(!survived.get(), "the access never returns");
            assertEquals(4, otherFaults.get(), "the other process goes on");
            List<String> faults = k.faults();
            assertEquals(1, faults.size(), faults.toString());
            assertTrue(faults.get(0).contains("signal 11 at 0xdead0000"), faults.get(0));
            assertEquals(1, k.vm().stats().segvs());
            assertEquals(0, k.processes(), "the killed process was reaped");
        }
    }

    @Test
    void aWriteToAReadOnlyMappingIsASigsegvButAReadIsNot() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            AtomicLong readFaults = new AtomicLong(-1);
            AtomicBoolean wrote = new AtomicBoolean();
            k.spawn("ro", sys -> {
                long a = sys.mmap(0, 2 * PAGE, RW, ANON, -1, 0);
                sys.touch(a, 2 * PAGE, true);
                assertEquals(0, sys.mprotect(a, 2 * PAGE, VmSpace.PROT_READ));
                readFaults.set(sys.touch(a, 2 * PAGE, false));
                sys.touch(a + PAGE, 1, true);
                wrote.set(true);
            });
            k.runFor(10_000_000);
            assertEquals(0, readFaults.get(), "mprotect to read-only keeps the read mappings");
            assertTrue(!wrote.get());
            assertTrue(k.faults().get(0).contains("(write)"), k.faults().toString());
        }
    }

    @Test
    void forkSharesPagesCopyOnWriteAndEachWriterCopiesOnlyWhatItWrites() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            AtomicLong childReadFaults = new AtomicLong(-1);
            AtomicLong childWriteFaults = new AtomicLong(-1);
            AtomicLong parentWriteFaults = new AtomicLong(-1);
            AtomicLong cowAfterChild = new AtomicLong(-1);
            k.spawn("parent", sys -> {
                long a = sys.mmap(0, 8 * PAGE, RW, ANON, -1, 0);
                sys.touch(a, 8 * PAGE, true);
                sys.fork(child -> {
                    childReadFaults.set(child.touch(a, 8 * PAGE, false));
                    childWriteFaults.set(child.touch(a, 4 * PAGE, true));
                });
                sys.waitpid();
                cowAfterChild.set(0);
                parentWriteFaults.set(sys.touch(a, 2 * PAGE, true));
            });
            k.runFor(20_000_000);
            VmStats s = k.vm().stats();
            assertEquals(8, childReadFaults.get(), "the child's pmap starts empty: a soft fault per page, no copy");
            assertEquals(4, childWriteFaults.get(), "a write to a read-only shared page faults");
            assertEquals(2, parentWriteFaults.get(), "the fork write-protected the parent's pages too");
            assertEquals(4 + 2, s.cowFaults(), "each writer copies exactly the pages it writes");
            assertEquals(8, s.zeroFills(), "nothing was zero-filled twice");
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }

    @Test
    void munmapReturnsThePagesOnlyThatMappingUsed() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            AtomicLong before = new AtomicLong();
            AtomicLong during = new AtomicLong();
            AtomicLong after = new AtomicLong();
            k.spawn("unmap", sys -> {
                long a = sys.mmap(0, 64 * PAGE, RW, ANON, -1, 0);
                sys.touch(a, PAGE, true);
                before.set(k.vm().stats().freePages());
                sys.touch(a, 64 * PAGE, true);
                during.set(k.vm().stats().freePages());
                assertEquals(0, sys.munmap(a + 32 * PAGE, 32 * PAGE));
                assertEquals(0, sys.munmap(a, 32 * PAGE));
                after.set(k.vm().stats().freePages());
            });
            k.runFor(10_000_000);
            assertEquals(before.get() - 63, during.get(), "63 more pages in use");
            assertTrue(after.get() >= before.get() + 1, "all 64 back (and the page tables): " + before + " -> "
                    + after);
        }
    }

    @Test
    void mincoreReportsResidentPagesAndMmapHonoursRlimitAs() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            byte[] vec = new byte[4];
            AtomicLong tooBig = new AtomicLong();
            k.spawn("mincore", sys -> {
                long a = sys.mmap(0, 4 * PAGE, RW, ANON, -1, 0);
                sys.touch(a + PAGE, 1, false);
                sys.touch(a + 3 * PAGE, 1, true);
                assertEquals(0, sys.mincore(a, 4 * PAGE, vec));
                assertEquals(0, sys.setrlimit(VmSpace.RLIMIT_AS, 8 * PAGE));
                tooBig.set(sys.mmap(0, 5 * PAGE, RW, ANON, -1, 0));
            });
            k.runFor(10_000_000);
            assertEquals(0, vec[0]);
            assertEquals(VmSpace.MINCORE_INCORE | VmSpace.MINCORE_REFERENCED, vec[1]);
            assertEquals(0, vec[2]);
            assertEquals(VmSpace.MINCORE_INCORE | VmSpace.MINCORE_REFERENCED | VmSpace.MINCORE_MODIFIED, vec[3]);
            assertEquals(-12, tooBig.get(), "ENOMEM beyond RLIMIT_AS");
        }
    }
}
