package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vm.VmSpace;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/**
 * A truncate racing the page-in of the same page: process B's {@code ftruncate} holds the vnode lock in
 * {@code VOP_SETATTR} (a {@link SlowTruncateType} truncation) when process A faults on the file's last page, so A's
 * fault has already busied a page the new size leaves wholly past the end and waits in the vnode pager for the lock.
 * DragonFly's {@code vnode_pager_setsize} → {@code vm_object_page_remove} cannot free that busy page, and
 * {@code vnode_pager_generic_getpages} refuses a page at or past {@code v_filesize} ({@code VM_PAGER_ERROR}, a
 * SIGBUS from {@code vm_fault}): no page beyond the end of the file stays resident.
 */
class TruncateRaceTest {

    static final int PAGE = 4096;

    /** A kernel with {@code slowtrunc} besides tmpfs. */
    private static Kernel boot() {
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks,
                new VfsComponent(locks, List.of(new TmpfsType(), new SlowTruncateType())), new VmComponent(locks))
                .boot(VmKernels.machine("smp-4", 64L << 20, 256L << 20, 1), new DflyFactory(), new LwktTokenFactory(),
                        TestLru.factory());
    }

    /** A file of three pages on {@code slowtrunc}, open read-write. */
    private static int slowFile(Syscalls sys) {
        assertEquals(0, sys.mkdir("/slow", 0755));
        assertEquals(0, sys.mount("slowtrunc", "none", "/slow".getBytes(StandardCharsets.US_ASCII), 0, null));
        return FileMappingTest.create(sys, "/slow/f", 3 * PAGE, (byte) 'z');
    }

    /**
     * Waits for both children, records which of the mapping's three pages are resident, then loads from the last
     * (past the new end: the process dies of SIGBUS before {@code survived} is set).
     */
    private static void reapThenLoadPastTheEnd(Syscalls sys, long a, AtomicReference<byte[]> incore,
            AtomicBoolean survived) {
        sys.waitpid();
        sys.waitpid();
        byte[] vec = new byte[3];
        assertEquals(0, sys.mincore(a, 3 * PAGE, vec));
        incore.set(vec);
        sys.load(a + 2 * PAGE, new byte[1], 0, 1);
        survived.set(true);
    }

    @Test
    void aPageInRacingATruncateLeavesNoPageBeyondTheEndAndItsAccessIsASigbus() {
        try (Kernel k = boot()) {
            AtomicBoolean faulterSurvived = new AtomicBoolean();
            AtomicBoolean parentSurvived = new AtomicBoolean();
            AtomicReference<byte[]> incore = new AtomicReference<>();
            AtomicReference<long[]> pageInWindow = new AtomicReference<>();
            FileMappingTest.run(k, sys -> {
                int fd = slowFile(sys);
                long a = sys.mmap(0, 3 * PAGE, VmSpace.PROT_READ, VmSpace.MAP_SHARED, fd, 0);
                assertTrue(a > 0, "mmap: " + a);
                sys.load(a, new byte[1], 0, 1);
                // B: truncates to one page, holding the vnode lock for HOLD_NANOS first
                sys.fork(b -> assertEquals(0, b.ftruncate(fd, PAGE)));
                // A: faults on the last page while B holds the lock, the old size still in force
                sys.fork(f -> {
                    f.nanosleep(SlowTruncateType.HOLD_NANOS / 2);
                    long t0 = f.now();
                    f.load(a + 2 * PAGE, new byte[1], 0, 1);
                    pageInWindow.set(new long[] {t0, f.now()});
                    faulterSurvived.set(true);
                });
                reapThenLoadPastTheEnd(sys, a, incore, parentSurvived);
            });
            assertFalse(faulterSurvived.get(), "the racing access past the new end is a SIGBUS, not a page of zeros: "
                    + (pageInWindow.get() == null ? "" : "it returned after "
                            + (pageInWindow.get()[1] - pageInWindow.get()[0]) + " ns"));
            byte[] vec = incore.get();
            assertEquals(VmSpace.MINCORE_INCORE, vec[0] & VmSpace.MINCORE_INCORE, "the first page stays resident");
            assertEquals(0, vec[1] & VmSpace.MINCORE_INCORE, "no resident page past the end of the file");
            assertEquals(0, vec[2] & VmSpace.MINCORE_INCORE, "no resident page past the end of the file");
            assertFalse(parentSurvived.get(), "a later access past the end is a SIGBUS too");
            assertEquals(2, k.faults().stream().filter(f -> f.contains("signal 10")).count(), k.faults().toString());
            assertEquals(2, ((SimVm) k.vm()).counters.sigbus);
        }
    }

    /**
     * The same race with a write-back: {@code msync} has busied the dirty last page and waits for the vnode lock while
     * the truncate passes over it; once written, the page past the end is freed, not kept mapped.
     */
    @Test
    void aWriteBackRacingATruncateLeavesNoPageBeyondTheEnd() {
        try (Kernel k = boot()) {
            AtomicBoolean parentSurvived = new AtomicBoolean();
            AtomicReference<byte[]> incore = new AtomicReference<>();
            FileMappingTest.run(k, sys -> {
                int fd = slowFile(sys);
                long a = sys.mmap(0, 3 * PAGE, FileMappingTest.RW, VmSpace.MAP_SHARED, fd, 0);
                sys.store(a + 2 * PAGE, new byte[] {'d'}, 0, 1);
                sys.fork(b -> assertEquals(0, b.ftruncate(fd, PAGE)));
                sys.fork(w -> {
                    w.nanosleep(SlowTruncateType.HOLD_NANOS / 2);
                    assertEquals(0, w.msync(a + 2 * PAGE, PAGE, VmSpace.MS_SYNC));
                });
                reapThenLoadPastTheEnd(sys, a, incore, parentSurvived);
            });
            assertEquals(0, incore.get()[2] & VmSpace.MINCORE_INCORE, "no resident page past the end of the file");
            assertFalse(parentSurvived.get(), "an access past the end is a SIGBUS");
            assertEquals(1, k.faults().stream().filter(f -> f.contains("signal 10")).count(), k.faults().toString());
        }
    }
}
