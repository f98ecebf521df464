package org.odonata.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.api.vfs.Fcntl.AT_FDCWD;
import static org.odonata.api.vfs.Fcntl.AT_REMOVEDIR;
import static org.odonata.api.vfs.Fcntl.O_ACCMODE;
import static org.odonata.api.vfs.Fcntl.O_CREAT;
import static org.odonata.api.vfs.Fcntl.O_NONBLOCK;
import static org.odonata.api.vfs.Fcntl.O_RDONLY;
import static org.odonata.api.vfs.Fcntl.O_RDWR;
import static org.odonata.api.vfs.Fcntl.O_WRONLY;
import static org.odonata.api.vfs.VfsSyscalls.path;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;

/**
 * The POSIX corners pjdfstest probes, answered as DragonFly answers them, on a tmpfs root and on a HAMMER root (the
 * VFS decides most of them, the filesystem its largest file): each assertion names the DragonFly function it follows.
 */
class PosixEdgeCasesTest {

    private static String err(long r) {
        return r >= 0 ? Long.toString(r) : Errno.ofResult(r).name();
    }

    private static <T> T in(String fs, java.util.function.Function<Syscalls, T> body) {
        Kernel k = ReplayTest.boot(7, fs);
        return ReplayTest.inProcess(k, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void openWithBothAccessModesIsEinval(String fs) {
        // kern_open (sys/kern/vfs_syscalls.c): (flags & O_ACCMODE) == O_ACCMODE is EINVAL, before the lookup
        List<String> seen = in(fs, sys -> {
            int fd = sys.open("/f", O_CREAT | O_WRONLY, 0644);
            sys.close(fd);
            return List.of(err(sys.open("/f", O_ACCMODE, 0)), err(sys.open("/missing", O_ACCMODE | O_CREAT, 0644)),
                    sys.stat("/missing").ok() ? "created" : sys.stat("/missing").errno().name());
        });
        assertEquals(List.of("EINVAL", "EINVAL", "ENOENT"), seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void renameOfDotOrDotDotIsEinvalAndRmdirOfDotDotIsEnotempty(String fs) {
        // nlookup (sys/kern/vfs_nlookup.c): . or .. last in a NLC_RENAME_SRC/DST lookup is EINVAL; in NLC_DELETE
        // . is EINVAL and .. ENOTEMPTY
        List<String> seen = in(fs, sys -> {
            sys.mkdir("/a", 0755);
            sys.mkdir("/a/b", 0755);
            sys.mkdir("/c", 0755);
            return List.of(err(sys.renameat(AT_FDCWD, path("/a/b/."), AT_FDCWD, path("/c/x"))),
                    err(sys.renameat(AT_FDCWD, path("/a/b/.."), AT_FDCWD, path("/c/x"))),
                    err(sys.renameat(AT_FDCWD, path("/c"), AT_FDCWD, path("/a/b/."))),
                    err(sys.renameat(AT_FDCWD, path("/c"), AT_FDCWD, path("/a/b/.."))),
                    err(sys.unlinkat(AT_FDCWD, path("/a/b/."), AT_REMOVEDIR)),
                    err(sys.unlinkat(AT_FDCWD, path("/a/b/.."), AT_REMOVEDIR)),
                    Boolean.toString(sys.stat("/a/b").ok() && sys.stat("/c").ok()));
        });
        assertEquals(List.of("EINVAL", "EINVAL", "EINVAL", "EINVAL", "EINVAL", "ENOTEMPTY", "true"), seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void aFifoWriterWithoutReaderIsEnxioWithoutWaiting(String fs) {
        // fifo_open (sys/vfs/fifofs/fifo_vnops.c): O_WRONLY|O_NONBLOCK with no reader is ENXIO; O_RDONLY|O_NONBLOCK
        // succeeds at once, after which a non-blocking writer gets in; O_RDWR is both sides and never waits
        List<String> seen = in(fs, sys -> {
            sys.mknodat(AT_FDCWD, path("/p"), Fcntl.S_IFIFO | 0644, 0);
            List<String> out = new ArrayList<>();
            out.add(err(sys.open("/p", O_WRONLY | O_NONBLOCK, 0)));
            int r = sys.open("/p", O_RDONLY | O_NONBLOCK, 0);
            out.add(r >= 0 ? "reader" : err(r));
            // fifo_getattr: fstat of the open FIFO shows the node's own type and mode
            out.add(Integer.toOctalString(sys.fstat(r).value().mode()));
            int w = sys.open("/p", O_WRONLY | O_NONBLOCK, 0);
            out.add(w >= 0 ? "writer" : err(w));
            sys.close(w);
            sys.close(r);
            out.add(err(sys.open("/p", O_WRONLY | O_NONBLOCK, 0)));
            int rw = sys.open("/p", O_RDWR, 0);
            out.add(rw >= 0 ? "both" : err(rw));
            out.add(Integer.toString(sys.write(rw, path("x"), 0, 1)));
            sys.close(rw);
            // fifo_close: the last close frees the buffer, and what nobody read with it
            int again = sys.open("/p", O_RDONLY | O_NONBLOCK, 0);
            out.add(Integer.toString(sys.read(again, new byte[4], 0, 4)));
            sys.close(again);
            return out;
        });
        assertEquals(List.of("ENXIO", "reader", "10644", "writer", "ENXIO", "both", "1", "0"), seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void aBlockingFifoOpenWaitsForTheOtherSide(String fs) {
        // fifo_open: a blocking reader sleeps ("fifoor") until a writer opens, and then reads what it wrote
        long[] times = new long[3];
        String got = in(fs, sys -> {
            sys.mknodat(AT_FDCWD, path("/p"), Fcntl.S_IFIFO | 0644, 0);
            long start = sys.now();
            sys.fork(child -> {
                child.nanosleep(5_000_000L);
                times[0] = child.now();
                int w = child.open("/p", O_WRONLY, 0);
                child.write(w, path("hi"), 0, 2);
                child.close(w);
                child.exit(0);
            });
            int r = sys.open("/p", O_RDONLY, 0);
            times[1] = sys.now();
            times[2] = start;
            byte[] buf = new byte[8];
            int n = sys.read(r, buf, 0, buf.length);
            sys.close(r);
            sys.waitpid();
            return new String(buf, 0, Math.max(n, 0), java.nio.charset.StandardCharsets.UTF_8);
        });
        assertEquals("hi", got);
        assertTrue(times[1] >= times[0] && times[0] - times[2] >= 5_000_000L,
                "the reader's open returned at " + times[1] + ", after the writer opened at " + times[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void supplementaryGroupsDecideAccessAndChown(String fs) {
        // naccess_va / groupmember (sys/kern/vfs_nlookup.c, kern_prot.c): any of cr_groups grants the group bits;
        // chown (setattr's check) lets the owner give the file a group it is a member of, else EPERM
        List<String> seen = in(fs, sys -> {
            sys.mkdir("/d", 0755);
            int fd = sys.open("/d/g", O_CREAT | O_WRONLY, 0640);
            sys.close(fd);
            sys.fchownat(AT_FDCWD, path("/d/g"), 0, 300, 0);
            int own = sys.open("/d/mine", O_CREAT | O_WRONLY, 0644);
            sys.close(own);
            sys.fchownat(AT_FDCWD, path("/d/mine"), 1000, 100, 0);
            List<String> out = new ArrayList<>();
            out.add(err(sys.setgroups(new int[] {100, 300, 400})));
            out.add(err(sys.setgid(100)));
            out.add(err(sys.setuid(1000)));
            out.add(java.util.Arrays.toString(sys.getgroups()));
            int g = sys.open("/d/g", O_RDONLY, 0);
            out.add(g >= 0 ? "read via group 300" : err(g));
            out.add(err(sys.fchownat(AT_FDCWD, path("/d/mine"), -1, 400, 0)));
            out.add(Integer.toString(sys.stat("/d/mine").value().gid()));
            out.add(err(sys.fchownat(AT_FDCWD, path("/d/mine"), -1, 500, 0)));
            out.add(err(sys.setgroups(new int[] {500})));
            return out;
        });
        assertEquals(List.of("0", "0", "0", "[100, 300, 400]", "read via group 300", "0", "400", "EPERM", "EPERM"),
                seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void aFileMayGrowTo2To63LessTheFilesystemsMarginThenEfbig(String fs) {
        // tmpfs_truncate/tmpfs_write: past tm_maxfilesize (2^63 - 1 - TMPFS_BLKSIZE, tmpfs_mount) is EFBIG;
        // hammer_vop_write/setattr: past HAMMER's 2^63 - 1 key space is EFBIG. 999999999999999 bytes (pjdfstest's
        // truncate/12) fits both, as on DragonFly (Linux's ext4 says EFBIG: its limit is 16 TiB)
        List<String> seen = in(fs, sys -> {
            int fd = sys.open("/big", O_CREAT | O_RDWR, 0644);
            List<String> out = new ArrayList<>();
            out.add(err(sys.truncate(path("/big"), 999_999_999_999_999L)));
            out.add(Long.toString(sys.stat("/big").value().size()));
            out.add(err(sys.pwrite(fd, path("end"), 0, 3, 999_999_999_999_996L)));
            byte[] back = new byte[3];
            out.add(err(sys.pread(fd, back, 0, 3, 999_999_999_999_996L)) + new String(back));
            out.add(err(sys.pread(fd, back, 0, 3, 4096)) + "" + back[0]);
            out.add(err(sys.ftruncate(fd, Long.MAX_VALUE)));
            out.add(err(sys.pwrite(fd, path("x"), 0, 1, Long.MAX_VALUE - 1)));
            out.add(err(sys.ftruncate(fd, 5)));
            out.add(Long.toString(sys.stat("/big").value().size()));
            sys.close(fd);
            return out;
        });
        assertEquals(List.of("0", "999999999999999", "3", "3end", "30", "EFBIG", "EFBIG", "0", "5"), seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "hammer"})
    void aBadUserAddressIsEfault(String fs) {
        // copyin/copyinstr fail on an address outside the process's memory: EFAULT (uiomove in sys_read/sys_write)
        List<String> seen = in(fs, sys -> {
            int fd = sys.open("/f", O_CREAT | O_RDWR, 0644);
            List<String> out = new ArrayList<>();
            out.add(err(sys.openat(AT_FDCWD, null, O_RDONLY, 0)));
            out.add(err(sys.mkdirat(AT_FDCWD, null, 0755)));
            out.add(err(sys.symlinkat(null, AT_FDCWD, path("/l"))));
            out.add(err(sys.write(fd, null, 0, 4)));
            out.add(err(sys.write(fd, new byte[2], 1, 4)));
            out.add(err(sys.read(fd, new byte[2], -1, 1)));
            out.add(err(sys.pwrite(fd, null, 0, 1, 0)));
            out.add(err(sys.writev(fd, new byte[][] {path("a"), null})));
            out.add(err(sys.write(fd, null, 0, 0)));
            out.add(err(sys.write(fd, new byte[1], 0, -1)));
            out.add(Long.toString(sys.fstat(fd).value().size()));
            return out;
        });
        assertEquals(List.of("EFAULT", "EFAULT", "EFAULT", "EFAULT", "EFAULT", "EFAULT", "EFAULT", "EFAULT", "0",
                "EINVAL", "0"), seen);
    }
}
