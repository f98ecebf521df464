package org.odonata.fs.hammer.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.api.vfs.Fcntl.AT_FDCWD;
import static org.odonata.api.vfs.Fcntl.O_CREAT;
import static org.odonata.api.vfs.Fcntl.O_DIRECTORY;
import static org.odonata.api.vfs.Fcntl.O_RDONLY;
import static org.odonata.api.vfs.Fcntl.O_RDWR;
import static org.odonata.api.vfs.Fcntl.O_WRONLY;
import static org.odonata.api.vfs.VfsSyscalls.path;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.machine.Machine;
import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.sync.tokens.LwktTokenFactory;

/**
 * HAMMER as a kernel's root filesystem on a simulated NVMe disk, driven by simulated processes through the system
 * calls: made at boot on a blank disk with TIDs from the virtual wall clock, POSIX results as on tmpfs, I/O through
 * the buffer cache, the flusher a kernel thread that the syncer's lazy sync wakes, what a sync made durable found
 * again by the next boot, and an unlinked file readable until its last close ({@code hammer_vop_inactive}).
 */
class HammerUnderVfsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void writeFile(Syscalls sys, String p, byte[] data) {
        int fd = sys.open(p, O_CREAT | O_WRONLY, 0644);
        assertTrue(fd >= 0, p + ": " + Errno.ofResult(fd));
        assertEquals(data.length, sys.write(fd, data, 0, data.length));
        assertEquals(0, sys.close(fd));
    }

    private static byte[] readFile(Syscalls sys, String p) {
        int fd = sys.open(p, O_RDONLY, 0);
        assertTrue(fd >= 0, p + ": " + Errno.ofResult(fd));
        byte[] buf = new byte[1 << 20];
        int n = sys.read(fd, buf, 0, buf.length);
        sys.close(fd);
        return java.util.Arrays.copyOf(buf, Math.max(n, 0));
    }

    private static Set<String> ls(Syscalls sys, String p) {
        int fd = sys.open(p, O_RDONLY | O_DIRECTORY, 0);
        Set<String> names = new TreeSet<>();
        while (true) {
            SysResult<List<DirEntry>> r = sys.getdents(fd, 256);
            assertTrue(r.ok(), "getdents " + p + ": " + r.errno());
            if (r.value().isEmpty()) {
                break;
            }
            r.value().forEach(e -> names.add(e.nameString()));
        }
        sys.close(fd);
        return names;
    }

    @Test
    void aBlankDiskBecomesTheHammerRootAndServesPosixCalls() {
        Kernel k = KernelHammer.boot(3);
        FsStat root = k.mounts().get(0);
        assertEquals("hammer", root.type());
        assertEquals("nvme0", root.mountedFrom());
        List<String> log = new ArrayList<>();
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        KernelHammer.run(k, 2_000, sys -> {
            assertEquals(0, sys.mkdir("/home", 0755));
            assertEquals(0, sys.mkdir("/home/u", 0700));
            writeFile(sys, "/home/u/a.txt", bytes("hello hammer"));
            writeFile(sys, "/home/u/big", big);
            assertEquals(0, sys.symlinkat(path("u/a.txt"), AT_FDCWD, path("/home/link")));
            log.add(new String(readFile(sys, "/home/link"), StandardCharsets.UTF_8));
            assertArrayEquals(big, readFile(sys, "/home/u/big"));
            byte[] target = new byte[64];
            int n = sys.readlinkat(AT_FDCWD, path("/home/link"), target);
            log.add(new String(target, 0, n, StandardCharsets.UTF_8));
            assertEquals(0, sys.renameat(AT_FDCWD, path("/home/u/a.txt"), AT_FDCWD, path("/home/b.txt")));
            assertEquals(Errno.ENOENT.negated(), sys.open("/home/u/a.txt", O_RDONLY, 0));
            log.add(String.join(",", ls(sys, "/home")));
            log.add(String.join(",", ls(sys, "/home/u")));
            assertEquals(Errno.ENOTEMPTY.negated(), sys.unlinkat(AT_FDCWD, path("/home/u"),
                    org.odonata.api.vfs.Fcntl.AT_REMOVEDIR));
            FileStat st = sys.stat("/home/u/big").value();
            log.add(st.size() + " " + Integer.toOctalString(st.mode() & 07777));
            assertTrue(st.ino() > 1_593_561_600L * 1_000_000_000L,
                    "object ids are TIDs, which start from the virtual wall clock at newfs: " + st.ino());
        });
        assertEquals(List.of("hello hammer", "u/a.txt", ".,..,b.txt,link,u", ".,..,big", "100000 644"), log);
        assertTrue(k.vfsStats().get("buf_misses") + k.vfsStats().get("buf_hits") > 0, "I/O went through buffers");
    }

    @Test
    void theSyncersLazySyncWakesTheFlusherSoDataSurvivesAPowerCut(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("nvme0.img");
        assertEquals(Set.of(), survivors(image, 1_000), "nothing flushed after 1 s");
        Files.delete(image);
        assertEquals(Set.of("kept"), survivors(image, 35_000), "the syncer's lazy sync at 30 s flushed it");
    }

    /** Boots on a blank file-backed disk, writes /kept, waits, cuts power; returns what the next boot finds in /. */
    private static Set<String> survivors(Path image, long waitMs) {
        Machine m = KernelHammer.machine(4, KernelHammer.nvme(256L << 20, image.toString()));
        Kernel k = KernelHammer.boot(m, new LwktTokenFactory());
        KernelHammer.run(k, 100, sys -> writeFile(sys, "/kept", bytes("data")));
        k.runFor(waitMs * KernelHammer.MS);
        m.disks().get(0).powerCut();
        k.close();
        Machine again = KernelHammer.machine(4, KernelHammer.nvme(256L << 20, image.toString()));
        Kernel k2 = KernelHammer.boot(again, new LwktTokenFactory());
        Set<String> names = new TreeSet<>();
        KernelHammer.run(k2, 100, sys -> {
            names.addAll(ls(sys, "/"));
            if (names.contains("kept")) {
                assertArrayEquals(bytes("data"), readFile(sys, "/kept"));
            }
        });
        k2.close();
        names.remove(".");
        names.remove("..");
        return names;
    }

    @Test
    void anUnlinkedFileIsReadableUntilItsLastClose() {
        Kernel k = KernelHammer.boot(5);
        KernelHammer.run(k, 1_000, sys -> {
            writeFile(sys, "/f", bytes("still here"));
            int fd = sys.open("/f", O_RDWR, 0);
            assertEquals(0, sys.unlink("/f"));
            assertEquals(Errno.ENOENT.negated(), sys.open("/f", O_RDONLY, 0));
            byte[] buf = new byte[32];
            assertEquals(10, sys.pread(fd, buf, 0, buf.length, 0));
            assertEquals("still here", new String(buf, 0, 10, StandardCharsets.UTF_8));
            assertEquals(0, sys.fstat(fd).value().nlink());
            assertEquals(0, sys.close(fd));
            assertEquals(0, sys.fsync(sys.open("/", O_RDONLY | O_DIRECTORY, 0)));
        });
    }

    @Test
    void concurrentWritersOnOneMountEachGetTheirOwnData() {
        Kernel k = KernelHammer.boot(6);
        int writers = 4;
        List<String> ok = new ArrayList<>();
        org.odonata.api.kern.UserProgram[] programs = new org.odonata.api.kern.UserProgram[writers];
        for (int w = 0; w < writers; w++) {
            int id = w;
            programs[w] = sys -> {
                byte[] block = new byte[16 * 1024];
                java.util.Arrays.fill(block, (byte) id);
                String p = "/w" + id;
                int fd = sys.open(p, O_CREAT | O_RDWR, 0644);
                for (int i = 0; i < 64; i++) {
                    assertEquals(block.length, sys.write(fd, block, 0, block.length));
                }
                assertEquals(0, sys.fsync(fd));
                byte[] back = new byte[block.length];
                for (int i = 0; i < 64; i++) {
                    assertEquals(block.length, sys.pread(fd, back, 0, back.length, (long) i * block.length));
                    assertArrayEquals(block, back);
                }
                sys.close(fd);
                ok.add(p);
            };
        }
        KernelHammer.run(k, 5_000, programs);
        assertEquals(writers, ok.size(), "faults: " + k.faults());
    }
}
