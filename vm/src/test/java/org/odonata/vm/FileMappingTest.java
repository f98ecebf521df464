package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.machine.Machine;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vm.VmSpace;

/**
 * File-backed {@code mmap} as DragonFly does it, on tmpfs and on HAMMER roots: the vnode's one object shared by
 * every mapping and by {@code read(2)}/{@code write(2)} (VMIO buffers, {@code vfs_bio.c}), page-ins through the
 * filesystem ({@code vnode_pager_getpage}), {@code MAP_PRIVATE} copy-on-write ({@code vm_fault_object} copying from
 * the backing vnode object after {@code vm_map_entry_shadow}), write-back by {@code msync} ({@code vm_map_clean} →
 * {@code vm_object_page_clean} → {@code vnode_pager_putpages}) and by pageout ({@code vm_pageout_clean}), SIGBUS past
 * the end of the file and truncation ({@code vnode_pager_setsize}).
 */
class FileMappingTest {

    static final int PAGE = 4096;
    static final int RW = VmSpace.PROT_READ | VmSpace.PROT_WRITE;
    static final long MS = 1_000_000L;

    static Kernel boot(String root, long memBytes, long seed) {
        if (root.equals("hammer")) {
            Machine m = VmKernels.machine("smp-4", memBytes, 256L << 20, seed, List.of(VmKernels.nvme(1L << 30, null)));
            return VmKernels.bootHammer(m, TestLru.factory());
        }
        return VmKernels.boot(VmKernels.machine("smp-4", memBytes, 256L << 20, seed), TestLru.factory());
    }

    /** Runs the programs as processes until all have exited. */
    static void run(Kernel k, UserProgram... programs) {
        for (UserProgram p : programs) {
            k.spawn("t", p);
        }
        for (int i = 0; i < 20_000 && k.processes() > 0; i++) {
            k.runFor(MS);
        }
        assertEquals(0, k.processes(), "programs still running; faults: " + k.faults());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A new file of {@code size} bytes, each byte {@code fill}, open read-write. */
    static int create(Syscalls sys, String path, int size, byte fill) {
        int fd = sys.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        assertTrue(fd >= 0, "open " + path + ": " + fd);
        byte[] b = new byte[size];
        Arrays.fill(b, fill);
        assertEquals(size, sys.write(fd, b, 0, size));
        return fd;
    }

    static byte[] pread(Syscalls sys, int fd, long at, int len) {
        byte[] b = new byte[len];
        assertEquals(len, sys.pread(fd, b, 0, len, at));
        return b;
    }

    static byte[] load(Syscalls sys, long addr, int len) {
        byte[] b = new byte[len];
        sys.load(addr, b, 0, len);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void writeIsSeenThroughAnExistingSharedMappingAndAStoreThroughItByRead(String root) {
        try (Kernel k = boot(root, 64L << 20, 1)) {
            run(k, sys -> {
                int fd = create(sys, "/f", 3 * PAGE, (byte) 'a');
                long a = sys.mmap(0, 3 * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                assertTrue(a > 0, "mmap: " + a);
                assertArrayEquals(bytes("aaaa"), load(sys, a + PAGE, 4), "the file's bytes, paged in");
                assertEquals(4, sys.pwrite(fd, bytes("WXYZ"), 0, 4, PAGE + 10));
                assertArrayEquals(bytes("WXYZ"), load(sys, a + PAGE + 10, 4), "write(2) reaches the mapped page");
                sys.store(a + 2 * PAGE + 5, bytes("mmap"), 0, 4);
                assertArrayEquals(bytes("mmap"), pread(sys, fd, 2 * PAGE + 5, 4), "read(2) sees the store");
                assertEquals(0, sys.close(fd));
                int again = sys.open("/f", Fcntl.O_RDONLY, 0);
                assertArrayEquals(bytes("amma"), pread(sys, again, 2 * PAGE + 4, 4), "through a new open file too");
            });
            assertTrue(k.faults().isEmpty(), k.faults().toString());
            assertTrue(((SimVm) k.vm()).counters.vnodePageIns >= 2, "pages came in through the vnode pager");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void aPrivateMappingCopiesOnFirstStoreAndLeavesTheFileUnchanged(String root) {
        try (Kernel k = boot(root, 64L << 20, 1)) {
            run(k, sys -> {
                int fd = create(sys, "/p", 2 * PAGE, (byte) 'f');
                long shared = sys.mmap(0, 2 * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                long priv = sys.mmap(0, 2 * PAGE, RW, VmSpace.MAP_PRIVATE, fd, 0);
                assertArrayEquals(bytes("ff"), load(sys, priv, 2), "before a store: the file's page");
                long cow0 = k.vm().stats().cowFaults();
                sys.store(priv + 100, bytes("private"), 0, 7);
                assertEquals(cow0 + 1, k.vm().stats().cowFaults(), "the first store copies the page");
                assertArrayEquals(bytes("private"), load(sys, priv + 100, 7));
                assertArrayEquals(bytes("fffffff"), pread(sys, fd, 100, 7), "the file is unchanged");
                assertArrayEquals(bytes("fffffff"), load(sys, shared + 100, 7), "so is a shared mapping");
                assertEquals(0, sys.msync(priv, 2 * PAGE, VmSpace.MS_SYNC));
                assertArrayEquals(bytes("fffffff"), pread(sys, fd, 100, 7), "msync of a private mapping writes nothing");
                assertEquals(4, sys.pwrite(fd, bytes("NEWS"), 0, 4, PAGE));
                assertArrayEquals(bytes("NEWS"), load(sys, priv + PAGE, 4), "an uncopied page still shows the file");
            });
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }

    @Test
    void msyncWritesTheDirtyPagesAndLeavesThemClean() {
        try (Kernel k = boot("tmpfs", 64L << 20, 1)) {
            SimVm vm = (SimVm) k.vm();
            AtomicReference<byte[]> before = new AtomicReference<>();
            AtomicReference<byte[]> after = new AtomicReference<>();
            AtomicInteger second = new AtomicInteger(-1);
            run(k, sys -> {
                int fd = create(sys, "/m", 4 * PAGE, (byte) 0);
                long a = sys.mmap(0, 4 * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                sys.store(a, bytes("one"), 0, 3);
                sys.store(a + 3 * PAGE, bytes("four"), 0, 4);
                sys.touch(a + PAGE, 1, false);
                byte[] vec = new byte[4];
                sys.mincore(a, 4 * PAGE, vec);
                before.set(vec.clone());
                long outs = vm.counters.vnodePageOuts;
                assertEquals(0, sys.msync(a, 4 * PAGE, VmSpace.MS_ASYNC));
                assertEquals(2, vm.counters.vnodePageOuts - outs, "the two dirty pages, not the clean one");
                sys.mincore(a, 4 * PAGE, vec);
                after.set(vec);
                long again = vm.counters.vnodePageOuts;
                assertEquals(0, sys.msync(a, 4 * PAGE, VmSpace.MS_SYNC));
                second.set((int) (vm.counters.vnodePageOuts - again));
                assertEquals(-22, sys.msync(a, PAGE, VmSpace.MS_SYNC | VmSpace.MS_ASYNC));
                assertEquals(-12, sys.msync(a + 8 * PAGE, PAGE, VmSpace.MS_SYNC), "an unmapped range");
            });
            assertEquals(VmSpace.MINCORE_MODIFIED, before.get()[0] & VmSpace.MINCORE_MODIFIED);
            assertEquals(VmSpace.MINCORE_MODIFIED, before.get()[3] & VmSpace.MINCORE_MODIFIED);
            assertEquals(0, before.get()[1] & VmSpace.MINCORE_MODIFIED);
            for (byte b : after.get()) {
                assertEquals(0, b & VmSpace.MINCORE_MODIFIED, "clean after msync");
            }
            assertEquals(0, second.get(), "nothing left to write");
        }
    }

    /** Writes through a shared mapping of a file on HAMMER, msyncs or not, cuts the power; the next boot reads it. */
    private static byte[] afterPowerCut(Path image, boolean msync) {
        Machine m = VmKernels.machine("smp-4", 64L << 20, 64L << 20, 3, List.of(VmKernels.nvme(256L << 20,
                image.toString())));
        Kernel k = VmKernels.bootHammer(m, TestLru.factory());
        run(k, sys -> {
            int fd = create(sys, "/kept", 2 * PAGE, (byte) '.');
            assertEquals(0, sys.fsync(fd));
            long a = sys.mmap(0, 2 * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
            sys.store(a + PAGE + 1, bytes("mapped"), 0, 6);
            if (msync) {
                assertEquals(0, sys.msync(a, 2 * PAGE, VmSpace.MS_SYNC));
            }
            sys.nanosleep(MS);
            m.disks().get(0).powerCut();
        });
        k.close();
        Machine again = VmKernels.machine("smp-4", 64L << 20, 64L << 20, 3, List.of(VmKernels.nvme(256L << 20,
                image.toString())));
        Kernel k2 = VmKernels.bootHammer(again, TestLru.factory());
        AtomicReference<byte[]> seen = new AtomicReference<>();
        run(k2, sys -> {
            int fd = sys.open("/kept", Fcntl.O_RDONLY, 0);
            assertTrue(fd >= 0, "the fsynced file survives: " + fd);
            seen.set(pread(sys, fd, PAGE, 8));
        });
        k2.close();
        return seen.get();
    }

    @Test
    void msyncMsSyncPutsTheStoresOnTheDiskSoTheySurviveAPowerCutOnHammer(@TempDir Path dir) {
        assertArrayEquals(bytes(".mapped."), afterPowerCut(dir.resolve("synced.img"), true));
        assertArrayEquals(bytes("........"), afterPowerCut(dir.resolve("unsynced.img"), false),
                "without msync the stores were only in memory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void twoProcessesMappingAFileSharedSeeEachOthersStores(String root) {
        try (Kernel k = boot(root, 64L << 20, 1)) {
            AtomicReference<byte[]> seenByB = new AtomicReference<>();
            AtomicReference<byte[]> seenByA = new AtomicReference<>();
            run(k, sys -> sys.close(create(sys, "/s", 2 * PAGE, (byte) '-')));
            run(k, sys -> {
                int fd = sys.open("/s", Fcntl.O_RDWR, 0);
                long a = sys.mmap(0, 2 * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                sys.store(a + 10, bytes("from A"), 0, 6);
                sys.nanosleep(2 * MS);
                seenByA.set(load(sys, a + PAGE, 6));
            }, sys -> {
                int fd = sys.open("/s", Fcntl.O_RDWR, 0);
                long b = sys.mmap(0, 2 * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                sys.nanosleep(MS);
                seenByB.set(load(sys, b + 10, 6));
                sys.store(b + PAGE, bytes("from B"), 0, 6);
            });
            assertArrayEquals(bytes("from A"), seenByB.get());
            assertArrayEquals(bytes("from B"), seenByA.get());
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }

    @Test
    void aForkedChildSharesTheParentsSharedFileMapping() {
        try (Kernel k = boot("tmpfs", 64L << 20, 1)) {
            AtomicReference<byte[]> seen = new AtomicReference<>();
            run(k, sys -> {
                int fd = create(sys, "/fork", PAGE, (byte) '-');
                long a = sys.mmap(0, PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                sys.touch(a, PAGE, false);
                sys.fork(child -> child.store(a + 1, bytes("kid"), 0, 3));
                sys.waitpid();
                seen.set(load(sys, a, 5));
            });
            assertArrayEquals(bytes("-kid-"), seen.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void anAccessToAPageWhollyPastTheEndOfTheFileIsASigbus(String root) {
        try (Kernel k = boot(root, 64L << 20, 1)) {
            AtomicReference<byte[]> tail = new AtomicReference<>();
            AtomicBoolean survived = new AtomicBoolean();
            run(k, sys -> {
                int fd = create(sys, "/short", PAGE + 100, (byte) 'x');
                long a = sys.mmap(0, 4 * PAGE, VmSpace.PROT_READ, VmSpace.MAP_SHARED, fd, 0);
                tail.set(load(sys, a + PAGE + 98, 4));
                sys.load(a + 2 * PAGE, new byte[1], 0, 1);
                survived.set(true);
            });
            assertArrayEquals(new byte[] {'x', 'x', 0, 0}, tail.get(), "the last page's bytes past the end are 0");
            assertFalse(survived.get(), "the access never returns");
            assertEquals(1, k.faults().size(), k.faults().toString());
            assertTrue(k.faults().get(0).contains("signal 10 at 0x"), k.faults().get(0));
            assertEquals(1, ((SimVm) k.vm()).counters.sigbus);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void truncatingAMappedFileInvalidatesThePagesPastTheNewSize(String root) {
        try (Kernel k = boot(root, 64L << 20, 1)) {
            AtomicReference<byte[]> kept = new AtomicReference<>();
            AtomicBoolean survived = new AtomicBoolean();
            run(k, sys -> {
                int fd = create(sys, "/t", 3 * PAGE, (byte) 'y');
                long a = sys.mmap(0, 3 * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                sys.touch(a, 3 * PAGE, false);
                assertEquals(0, sys.ftruncate(fd, PAGE + 2));
                kept.set(load(sys, a + PAGE, 4));
                sys.touch(a + 2 * PAGE, 1, false);
                survived.set(true);
            });
            assertArrayEquals(new byte[] {'y', 'y', 0, 0}, kept.get(), "the tail of the new last page reads 0");
            assertFalse(survived.get(), "the page past the new end is gone: SIGBUS");
            assertTrue(k.faults().get(0).contains("signal 10"), k.faults().toString());
        }
    }

    @Test
    void mmapChecksTheOpenModeAsPosixSays() {
        try (Kernel k = boot("tmpfs", 64L << 20, 1)) {
            AtomicReference<long[]> r = new AtomicReference<>();
            run(k, sys -> {
                sys.close(create(sys, "/ro", PAGE, (byte) 1));
                int ro = sys.open("/ro", Fcntl.O_RDONLY, 0);
                int wo = sys.open("/ro", Fcntl.O_WRONLY, 0);
                long sharedRw = sys.mmap(0, PAGE, RW, VmSpace.MAP_SHARED, ro, 0);
                long privRw = sys.mmap(0, PAGE, RW, VmSpace.MAP_PRIVATE, ro, 0);
                long sharedR = sys.mmap(0, PAGE, VmSpace.PROT_READ, VmSpace.MAP_SHARED, ro, 0);
                long upgrade = sys.mprotect(sharedR, PAGE, RW);
                long writeOnly = sys.mmap(0, PAGE, VmSpace.PROT_WRITE, VmSpace.MAP_SHARED, wo, 0);
                long badFd = sys.mmap(0, PAGE, VmSpace.PROT_READ, VmSpace.MAP_SHARED, 99, 0);
                int dir = sys.open("/", Fcntl.O_RDONLY, 0);
                long ofDir = sys.mmap(0, PAGE, VmSpace.PROT_READ, VmSpace.MAP_SHARED, dir, 0);
                long oddOffset = sys.mmap(0, PAGE, VmSpace.PROT_READ, VmSpace.MAP_SHARED, ro, 100);
                r.set(new long[] {sharedRw, privRw > 0 ? 0 : privRw, sharedR > 0 ? 0 : sharedR, upgrade, writeOnly,
                    badFd, ofDir, oddOffset});
            });
            assertArrayEquals(new long[] {-13, 0, 0, -13, -13, -9, -19, -22}, r.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void pageoutWritesDirtyFilePagesBackToTheFileNotToSwap(String root) {
        try (Kernel k = boot(root, 64L << 20, 1)) {
            SimVm vm = (SimVm) k.vm();
            int pages = 64;
            AtomicReference<byte[]> check = new AtomicReference<>();
            run(k, sys -> {
                int fd = create(sys, "/big", pages * PAGE, (byte) 0);
                long a = sys.mmap(0, (long) pages * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                assertEquals(0, sys.setrlimit(VmSpace.RLIMIT_RSS, 16L * PAGE));
                for (int i = 0; i < pages; i++) {
                    sys.store(a + (long) i * PAGE + 7, new byte[] {(byte) i}, 0, 1);
                }
                byte[] seen = new byte[pages];
                for (int i = 0; i < pages; i++) {
                    seen[i] = pread(sys, fd, (long) i * PAGE + 7, 1)[0];
                }
                check.set(seen);
            });
            assertEquals(0, k.vm().stats().swapOuts(), "file pages never go to swap");
            assertTrue(vm.counters.vnodePageOuts >= pages - 16, "evicted dirty pages were written to the file: "
                    + vm.counters.vnodePageOuts);
            for (int i = 0; i < pages; i++) {
                assertEquals((byte) i, check.get()[i], "page " + i);
            }
        }
    }

    @Test
    void thePageoutDaemonCleansDirtyFilePagesUnderMemoryPressure() {
        try (Kernel k = boot("hammer", 16L << 20, 1)) {
            SimVm vm = (SimVm) k.vm();
            int pages = 6144;
            AtomicReference<byte[]> check = new AtomicReference<>();
            run(k, sys -> {
                int fd = sys.open("/huge", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
                assertEquals(0, sys.ftruncate(fd, (long) pages * PAGE));
                long a = sys.mmap(0, (long) pages * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                for (int i = 0; i < pages; i++) {
                    sys.store(a + (long) i * PAGE, new byte[] {(byte) (i * 7)}, 0, 1);
                }
                byte[] seen = new byte[pages];
                for (int i = 0; i < pages; i += 97) {
                    seen[i] = pread(sys, fd, (long) i * PAGE, 1)[0];
                }
                check.set(seen);
            });
            assertTrue(k.vm().stats().pagedaemonRuns() > 0, "memory ran short");
            assertEquals(0, k.vm().stats().swapOuts(), "file pages never go to swap");
            assertTrue(vm.counters.vnodePageOuts > 1000, "the daemon laundered file pages: " + vm.counters.vnodePageOuts);
            for (int i = 0; i < pages; i += 97) {
                assertEquals((byte) (i * 7), check.get()[i], "page " + i);
            }
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }

    @Test
    void theSameSeedGivesTheSameDigest() {
        assertEquals(digestOfARun(5), digestOfARun(5));
    }

    private static String digestOfARun(long seed) {
        try (Kernel k = boot("hammer", 32L << 20, seed)) {
            run(k, sys -> sys.close(create(sys, "/d", 32 * PAGE, (byte) 0)));
            UserProgram worker = sys -> {
                int fd = sys.open("/d", Fcntl.O_RDWR, 0);
                long a = sys.mmap(0, 32 * PAGE, RW, VmSpace.MAP_SHARED, fd, 0);
                for (int i = 0; i < 200; i++) {
                    long at = a + (long) sys.random().nextInt(32) * PAGE;
                    sys.store(at, new byte[] {(byte) i}, 0, 1);
                }
                sys.msync(a, 32 * PAGE, VmSpace.MS_SYNC);
            };
            run(k, worker, worker);
            return k.digest();
        }
    }
}
