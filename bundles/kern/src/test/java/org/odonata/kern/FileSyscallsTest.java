package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.api.vfs.Fcntl.AT_FDCWD;
import static org.odonata.api.vfs.Fcntl.AT_REMOVEDIR;
import static org.odonata.api.vfs.Fcntl.AT_SYMLINK_NOFOLLOW;
import static org.odonata.api.vfs.Fcntl.O_APPEND;
import static org.odonata.api.vfs.Fcntl.O_CLOEXEC;
import static org.odonata.api.vfs.Fcntl.O_CREAT;
import static org.odonata.api.vfs.Fcntl.O_DIRECTORY;
import static org.odonata.api.vfs.Fcntl.O_EXCL;
import static org.odonata.api.vfs.Fcntl.O_NOFOLLOW;
import static org.odonata.api.vfs.Fcntl.O_RDONLY;
import static org.odonata.api.vfs.Fcntl.O_RDWR;
import static org.odonata.api.vfs.Fcntl.O_TRUNC;
import static org.odonata.api.vfs.Fcntl.O_WRONLY;
import static org.odonata.api.vfs.VfsSyscalls.path;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.Flock;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vfs.SysResult;

/**
 * The POSIX file calls on a booted kernel with a tmpfs root, each made by a simulated process: results and errno
 * values as Linux gives them (the oracle the replayed traces are compared with), and DragonFly's VFS mechanics
 * (namecache hits, mount crossing, vnode reclaim on last close).
 */
class FileSyscallsTest {

    /** Runs {@code program} as a process and returns once every process has exited. */
    private static SimKernel run(UserProgram program) {
        SimKernel k = Machines.boot("smp-4", 7);
        k.spawn("t", program);
        for (int i = 0; i < 10_000 && k.processes() > 0; i++) {
            k.runFor(Machines.ms(1));
        }
        assertEquals(0, k.processes(), "the test program finished; faults: " + k.faults());
        return k;
    }

    private static int create(Syscalls sys, String p, String content) {
        int fd = sys.open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644);
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        assertEquals(b.length, sys.write(fd, b, 0, b.length));
        return sys.close(fd);
    }

    private static String cat(Syscalls sys, String p) {
        int fd = sys.open(p, O_RDONLY, 0);
        if (fd < 0) {
            return Errno.ofResult(fd).name();
        }
        byte[] buf = new byte[4096];
        int n = sys.read(fd, buf, 0, buf.length);
        sys.close(fd);
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static Set<String> ls(Syscalls sys, String p) {
        int fd = sys.open(p, O_RDONLY | O_DIRECTORY, 0);
        Set<String> names = new TreeSet<>();
        while (true) {
            SysResult<List<DirEntry>> r = sys.getdents(fd, 4096);
            assertTrue(r.ok(), "getdents " + p + ": " + r.errno());
            if (r.value().isEmpty()) {
                break;
            }
            r.value().forEach(e -> names.add(e.nameString()));
        }
        sys.close(fd);
        return names;
    }

    private static Errno err(long result) {
        return Errno.ofResult(result);
    }

    @Test
    void aFileWrittenReadSeekedAppendedAndTruncatedKeepsItsBytes() {
        List<String> seen = new ArrayList<>();
        run(sys -> {
            int fd = sys.open("/f", O_CREAT | O_RDWR, 0644);
            byte[] hello = path("hello world");
            sys.write(fd, hello, 0, hello.length);
            assertEquals(0, sys.lseek(fd, 0, Fcntl.SEEK_SET));
            byte[] buf = new byte[5];
            sys.read(fd, buf, 0, 5);
            seen.add(new String(buf, StandardCharsets.UTF_8));
            sys.pwrite(fd, path("W"), 0, 1, 6);
            assertEquals(5, sys.lseek(fd, 0, Fcntl.SEEK_CUR), "pwrite leaves the offset alone");
            seen.add(cat(sys, "/f"));
            sys.ftruncate(fd, 5);
            seen.add(cat(sys, "/f"));
            sys.close(fd);
            int afd = sys.open("/f", O_WRONLY | O_APPEND, 0);
            sys.write(afd, path("!!"), 0, 2);
            sys.close(afd);
            seen.add(cat(sys, "/f"));
            seen.add(Long.toString(sys.stat("/f").value().size()));
            sys.truncate(path("/f"), 10000);
            byte[] tail = new byte[4];
            int rfd = sys.open("/f", O_RDONLY, 0);
            seen.add(Integer.toString(sys.pread(rfd, tail, 0, 4, 9000)));
            seen.add(Arrays.toString(tail));
        });
        assertEquals(List.of("hello", "hello World", "hello", "hello!!", "7", "4", "[0, 0, 0, 0]"), seen);
    }

    @Test
    void namespaceErrorsAreLinuxs() {
        List<Errno> e = new ArrayList<>();
        run(sys -> {
            create(sys, "/file", "x");
            sys.mkdir("/dir", 0755);
            create(sys, "/dir/inner", "y");
            e.add(err(sys.open("/nope", O_RDONLY, 0)));                       // ENOENT
            e.add(err(sys.open("/file", O_CREAT | O_EXCL | O_WRONLY, 0644)));  // EEXIST
            e.add(err(sys.open("/file/x", O_RDONLY, 0)));                     // ENOTDIR
            e.add(err(sys.open("/dir", O_WRONLY, 0)));                        // EISDIR
            e.add(err(sys.unlink("/dir")));                                   // EISDIR (Linux; POSIX allows EPERM)
            e.add(err(sys.unlinkat(AT_FDCWD, path("/dir"), AT_REMOVEDIR)));   // ENOTEMPTY
            e.add(err(sys.unlinkat(AT_FDCWD, path("/file"), AT_REMOVEDIR)));  // ENOTDIR
            e.add(err(sys.unlinkat(AT_FDCWD, path("/dir/."), AT_REMOVEDIR))); // EINVAL
            e.add(err(sys.mkdir("/dir", 0755)));                              // EEXIST
            e.add(err(sys.open("/file/", O_RDONLY, 0)));                      // ENOTDIR: trailing slash on a file
            e.add(err(sys.open("/new/", O_CREAT | O_WRONLY, 0644)));          // EISDIR
            e.add(err(sys.openat(AT_FDCWD, path("/a\0b"), O_RDONLY, 0)));     // EINVAL: NUL in a path
            e.add(err(sys.open("/" + "n".repeat(256), O_CREAT | O_WRONLY, 0644))); // ENAMETOOLONG
            e.add(err(sys.openat(AT_FDCWD, new byte[0], O_RDONLY, 0)));       // ENOENT: empty path
            e.add(err(sys.open("/file", O_RDONLY | O_DIRECTORY, 0)));         // ENOTDIR
            e.add(err(sys.mkdir("/nope/sub", 0755)));                         // ENOENT
            e.add(err(sys.close(99)));                                        // EBADF
        });
        assertEquals(List.of(Errno.ENOENT, Errno.EEXIST, Errno.ENOTDIR, Errno.EISDIR, Errno.EISDIR, Errno.ENOTEMPTY,
                Errno.ENOTDIR, Errno.EINVAL, Errno.EEXIST, Errno.ENOTDIR, Errno.EISDIR, Errno.EINVAL,
                Errno.ENAMETOOLONG, Errno.ENOENT, Errno.ENOTDIR, Errno.ENOENT, Errno.EBADF), e);
    }

    @Test
    void renameMovesNamesAndTheNamecacheFollows() {
        List<String> seen = new ArrayList<>();
        run(sys -> {
            sys.mkdir("/a", 0755);
            sys.mkdir("/a/b", 0755);
            create(sys, "/a/b/f", "data");
            create(sys, "/g", "old");
            seen.add(cat(sys, "/a/b/f"));
            assertEquals(0, sys.renameat(AT_FDCWD, path("/a/b/f"), AT_FDCWD, path("/g")));
            seen.add(cat(sys, "/g"));
            seen.add(cat(sys, "/a/b/f"));
            seen.add(err(sys.renameat(AT_FDCWD, path("/a"), AT_FDCWD, path("/a/b/c"))).name());
            assertEquals(0, sys.renameat(AT_FDCWD, path("/a/b"), AT_FDCWD, path("/c")));
            create(sys, "/c/h", "moved dir");
            seen.add(cat(sys, "/c/h"));
            seen.add(ls(sys, "/a").toString());
            create(sys, "/x", "x");
            seen.add(err(sys.renameat2(AT_FDCWD, path("/g"), AT_FDCWD, path("/x"), Fcntl.RENAME_NOREPLACE)).name());
            seen.add(err(sys.renameat(AT_FDCWD, path("/a"), AT_FDCWD, path("/c"))).name());
            seen.add(err(sys.renameat(AT_FDCWD, path("/x"), AT_FDCWD, path("/c"))).name());
            seen.add(Long.toString(sys.stat("/").value().nlink()));
        });
        assertEquals(List.of("data", "data", "ENOENT", "EINVAL", "moved dir", "[., ..]", "EEXIST", "ENOTEMPTY",
                "EISDIR", "4"), seen);
    }

    @Test
    void symbolicLinksAreFollowedReadAndLoopsEndInEloop() {
        List<String> seen = new ArrayList<>();
        run(sys -> {
            sys.mkdir("/d", 0755);
            create(sys, "/d/t", "target");
            sys.symlinkat(path("d/t"), AT_FDCWD, path("/rel"));
            sys.symlinkat(path("/d"), AT_FDCWD, path("/dl"));
            seen.add(cat(sys, "/rel"));
            seen.add(cat(sys, "/dl/t"));
            byte[] buf = new byte[64];
            int n = sys.readlinkat(AT_FDCWD, path("/rel"), buf);
            seen.add(new String(buf, 0, n, StandardCharsets.UTF_8));
            seen.add(Integer.toOctalString(sys.fstatat(AT_FDCWD, path("/rel"), AT_SYMLINK_NOFOLLOW).value().type()));
            sys.symlinkat(path("/loop2"), AT_FDCWD, path("/loop1"));
            sys.symlinkat(path("/loop1"), AT_FDCWD, path("/loop2"));
            seen.add(err(sys.open("/loop1", O_RDONLY, 0)).name());
            seen.add(err(sys.open("/rel", O_RDONLY | O_NOFOLLOW, 0)).name());
            sys.symlinkat(path("/d/made"), AT_FDCWD, path("/dangling"));
            int fd = sys.open("/dangling", O_CREAT | O_WRONLY, 0644);
            sys.close(fd);
            seen.add(Boolean.toString(sys.stat("/d/made").ok()));
            seen.add(err(sys.readlinkat(AT_FDCWD, path("/d/t"), buf)).name());
        });
        assertEquals(List.of("target", "target", "d/t", "120000", "ELOOP", "ELOOP", "true", "EINVAL"), seen);
    }

    @Test
    void anUnlinkedOpenFileKeepsItsDataUntilTheLastCloseThenItsPagesAreFree() {
        long[] free = new long[4];
        List<String> seen = new ArrayList<>();
        run(sys -> {
            free[0] = sys.statfs(path("/")).value().blocksFree();
            int fd = sys.open("/big", O_CREAT | O_RDWR, 0644);
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 7);
            sys.write(fd, block, 0, block.length);
            sys.linkat(AT_FDCWD, path("/big"), AT_FDCWD, path("/hard"), 0);
            seen.add(Long.toString(sys.fstat(fd).value().nlink()));
            free[1] = sys.statfs(path("/")).value().blocksFree();
            sys.unlink("/big");
            sys.unlink("/hard");
            seen.add(Long.toString(sys.fstat(fd).value().nlink()));
            byte[] back = new byte[16];
            sys.pread(fd, back, 0, 16, 100);
            seen.add(Integer.toString(back[15]));
            free[2] = sys.statfs(path("/")).value().blocksFree();
            sys.close(fd);
            free[3] = sys.statfs(path("/")).value().blocksFree();
        });
        assertEquals(List.of("2", "0", "7"), seen);
        assertEquals(free[0] - 16, free[1], "64 KB took 16 pages");
        assertEquals(free[1], free[2], "still open: the pages stay");
        assertEquals(free[0], free[3], "tmpfs_inactive freed the pages at the last close");
    }

    @Test
    void permissionsStickyDirectoriesAndOwnershipAreChecked() {
        List<String> seen = new ArrayList<>();
        run(sys -> {
            sys.mkdir("/tmp", 01777);
            sys.fchmodat(AT_FDCWD, path("/tmp"), 01777, 0);
            create(sys, "/tmp/roots", "r");
            sys.fchmodat(AT_FDCWD, path("/tmp/roots"), 0600, 0);
            sys.mkdir("/locked", 0755);
            assertEquals(0, sys.setgroups(new int[] {100}));
            assertEquals(0, sys.setgid(100));
            assertEquals(0, sys.setuid(1000));
            seen.add(err(sys.open("/tmp/roots", O_RDONLY, 0)).name());        // EACCES: mode 0600, not the owner
            seen.add(err(sys.mkdir("/locked/sub", 0755)).name());             // EACCES: no write on the directory
            seen.add(err(sys.unlink("/tmp/roots")).name());                    // EPERM: sticky, not the owner
            seen.add(err(sys.fchmodat(AT_FDCWD, path("/tmp/roots"), 0777, 0)).name()); // EPERM: not the owner
            create(sys, "/tmp/mine", "m");
            FileStat st = sys.stat("/tmp/mine").value();
            seen.add(st.uid() + ":" + st.gid() + " " + Integer.toOctalString(st.mode() & 07777));
            seen.add(Integer.toString(sys.unlink("/tmp/mine")));
            seen.add(err(sys.setuid(0)).name());
            seen.add(err(sys.faccessat(AT_FDCWD, path("/tmp/roots"), Fcntl.R_OK, 0)).name());
        });
        assertEquals(List.of("EACCES", "EACCES", "EPERM", "EPERM", "1000:100 644", "0", "EPERM", "EACCES"), seen);
    }

    @Test
    void forkSharesOpenFilesAndExecClosesCloseOnExecDescriptors() {
        List<String> seen = new ArrayList<>();
        run(sys -> {
            int fd = sys.open("/shared", O_CREAT | O_RDWR, 0644);
            int keep = sys.open("/shared", O_RDONLY, 0);
            int gone = sys.open("/shared", O_RDONLY | O_CLOEXEC, 0);
            sys.fork(child -> {
                child.write(fd, path("child "), 0, 6);
                child.execve(null, img -> {
                    seen.add("keep " + (img.fstat(keep).ok() ? "open" : "closed"));
                    seen.add("gone " + (img.fstat(gone).ok() ? "open" : "closed"));
                });
            });
            sys.waitpid();
            sys.write(fd, path("parent"), 0, 6);
            seen.add(cat(sys, "/shared"));
            int d = sys.dup(fd);
            seen.add(d + " " + sys.lseek(d, 0, Fcntl.SEEK_CUR));
            seen.add(Integer.toString(sys.fcntl(gone, Fcntl.F_GETFD, 0)));
            seen.add(Integer.toString(sys.dup2(fd, 10)));
            seen.add(err(sys.dup3(fd, fd, 0)).name());
        });
        assertEquals(List.of("keep open", "gone closed", "child parent", "3 12", "1", "10", "EINVAL"), seen);
    }

    @Test
    void getdentsListsDotDotdotAndTheNamesInBufferSizedBatches() {
        List<String> seen = new ArrayList<>();
        run(sys -> {
            sys.mkdir("/d", 0755);
            for (int i = 0; i < 50; i++) {
                create(sys, "/d/file-" + i, "");
            }
            sys.unlink("/d/file-7");
            seen.add(Integer.toString(ls(sys, "/d").size()));
            int fd = sys.open("/d", O_RDONLY, 0);
            SysResult<List<DirEntry>> small = sys.getdents(fd, 64);
            seen.add(small.value().size() + " " + small.value().get(0).nameString());
            seen.add(err(sys.getdents(fd, 8).error()).name());
            seen.add(err(sys.getdents(sys.open("/d/file-1", O_RDONLY, 0), 4096).error()).name());
        });
        assertEquals(List.of("51", "2 .", "EINVAL", "ENOTDIR"), seen);
    }

    @Test
    void aSecondLookupOfTheSamePathIsANamecacheHitAndAsksTheFilesystemNothing() {
        SimKernel k = Machines.boot("smp-4", 3);
        k.spawn("mk", sys -> {
            sys.mkdir("/a", 0755);
            sys.mkdir("/a/b", 0755);
            sys.mkdir("/a/b/c", 0755);
            create(sys, "/a/b/c/d", "");
        });
        k.runFor(Machines.ms(5));
        long[] before = new long[2];
        k.spawn("stat", sys -> {
            sys.stat("/a/b/c/d");
            before[0] = k.vfsStats().get("resolves");
            before[1] = k.vfsStats().get("ncp_hits");
            sys.stat("/a/b/c/d");
            sys.stat("/a/b/c/missing");
            sys.stat("/a/b/c/missing");
        });
        k.runFor(Machines.ms(5));
        assertEquals(before[0] + 1, k.vfsStats().get("resolves"), "only the missing name was resolved, once");
        assertEquals(before[1] + 4 + 3 + 3, k.vfsStats().get("ncp_hits"), "a, b, c, d; a, b, c; a, b, c");
        assertEquals(1, k.vfsStats().get("ncp_negative_hits"), "the second miss hit the negative entry");
    }

    private static String stat(Syscalls sys, String p) {
        SysResult<FileStat> r = sys.stat(p);
        return r.ok() ? "0" : r.errno().name();
    }

    /** Runs {@code program} as a process of uid 1000 (or root) on {@code k} until it exits. */
    private static void as(SimKernel k, boolean user, UserProgram program) {
        k.spawn("p", sys -> {
            if (user) {
                assertEquals(0, sys.setuid(1000));
            }
            program.main(sys);
        });
        k.runFor(Machines.ms(5));
    }

    @Test
    void aWorldSearchableDirectoryIsPassedOnItsCachedFlagUntilAChmodClearsIt() {
        // naccess skips NCF_WXOK directories and VOP_SETATTR clears the flag (cache_inval_wxok, vfs_cache.c)
        SimKernel k = Machines.boot("smp-4", 5);
        List<String> seen = new ArrayList<>();
        as(k, false, sys -> {
            sys.mkdir("/pub", 0755);
            create(sys, "/pub/f", "x");
        });
        as(k, true, sys -> {
            seen.add(stat(sys, "/pub/f"));
            seen.add(stat(sys, "/pub/f"));
        });
        as(k, false, sys -> sys.fchmodat(AT_FDCWD, path("/pub"), 0700, 0));
        as(k, true, sys -> seen.add(stat(sys, "/pub/f")));
        as(k, false, sys -> sys.fchmodat(AT_FDCWD, path("/pub"), 0711, 0));
        as(k, true, sys -> seen.add(stat(sys, "/pub/f")));
        assertEquals(List.of("0", "0", "EACCES", "0"), seen, "search permission follows every mode change");
    }

    @Test
    void theLastReferenceLeavesANamedVnodeCachedAndAnUnlinkDeactivatesIt() {
        // vrele's lockless 1->0 keeps a vnode the namecache holds active; vfinalize makes the last one terminate
        // it (vfs_lock.c: vrele, vnode_terminate)
        SimKernel k = Machines.boot("smp-4", 6);
        as(k, false, sys -> create(sys, "/f", "data"));
        long before = k.vfsStats().get("inactivations");
        as(k, false, sys -> {
            for (int i = 0; i < 3; i++) {
                sys.close(sys.open("/f", O_RDONLY, 0));
                sys.stat("/f");
            }
        });
        assertEquals(before, k.vfsStats().get("inactivations"), "opens, closes and stats of a named file");
        as(k, false, sys -> sys.unlink("/f"));
        assertEquals(before + 1, k.vfsStats().get("inactivations"), "VOP_INACTIVE once its name is gone");
    }

    @Test
    void aMountedTmpfsIsCrossedBothWaysAndCannotBeUnmountedWhileInUse() {
        List<String> seen = new ArrayList<>();
        List<FsStat> mounts = new ArrayList<>();
        run(sys -> {
            sys.mkdir("/mnt", 0755);
            create(sys, "/mnt/hidden", "under");
            assertEquals(0, sys.mount("tmpfs", null, path("/mnt"), 0, null));
            seen.add(ls(sys, "/mnt").toString());
            create(sys, "/mnt/top", "over");
            seen.add(cat(sys, "/mnt/../mnt/top"));
            seen.add(err(sys.renameat(AT_FDCWD, path("/mnt/top"), AT_FDCWD, path("/top"))).name());
            sys.chdir(path("/mnt"));
            byte[] cwd = new byte[64];
            int n = sys.getcwd(cwd);
            seen.add(new String(cwd, 0, n - 1, StandardCharsets.UTF_8));
            seen.add(Boolean.toString(sys.stat("../mnt").ok()));
            int fd = sys.open("top", O_RDONLY, 0);
            seen.add(err(sys.unmount(path("/mnt"), 0)).name());
            sys.close(fd);
            sys.chdir(path("/"));
            mounts.addAll(sys.getfsstat());
            seen.add(Integer.toString(sys.unmount(path("/mnt"), 0)));
            seen.add(cat(sys, "/mnt/hidden"));
            seen.add(err(sys.mount("nofs", null, path("/mnt"), 0, null)).name());
        });
        assertEquals(List.of("[., ..]", "over", "EXDEV", "/mnt", "true", "EBUSY", "0", "under", "ENODEV"), seen);
        assertEquals(List.of("/", "/mnt"), mounts.stream().map(FsStat::mountedOn).toList());
    }

    @Test
    void aFullTmpfsAnswersEnospcAndStaysConsistent() {
        List<String> seen = new ArrayList<>();
        SimKernel k = Machines.boot("smp-4", 9);
        k.spawn("fill", sys -> {
            sys.mkdir("/small", 0755);
            assertEquals(0, sys.mount("tmpfs", null, path("/small"), 0, "size=256k"));
            FsStat fresh = sys.statfs(path("/small")).value();
            seen.add("blocks " + fresh.blocks());
            byte[] chunk = new byte[4096];
            int fd = sys.open("/small/fill", O_CREAT | O_WRONLY, 0644);
            long written = 0;
            int r;
            while ((r = sys.write(fd, chunk, 0, chunk.length)) > 0) {
                written += r;
            }
            seen.add(err(r).name());
            seen.add("free " + sys.statfs(path("/small")).value().blocksFree());
            seen.add("size " + (sys.fstat(fd).value().size() == written));
            sys.close(fd);
            sys.unlink("/small/fill");
            seen.add("free " + (sys.statfs(path("/small")).value().blocksFree() == fresh.blocksFree()));
        });
        k.runFor(Machines.ms(100));
        assertEquals(0, k.processes(), k.faults().toString());
        assertEquals("ENOSPC", seen.get(1));
        assertEquals("free 0", seen.get(2));
        assertEquals("size true", seen.get(3));
        assertEquals("free true", seen.get(4));
        assertEquals("blocks 64", seen.get(0));
    }

    /**
     * {@code unp_bind} (uipc_usrreq.c): bind makes a VSOCK node with mode 0777 less the umask that stays after the
     * socket is closed; an existing name is EADDRINUSE, a second bind EINVAL; opening the file is ENXIO (Linux's
     * answer, DragonFly's {@code vn_open} says EOPNOTSUPP); it is unlinked like any file.
     */
    @Test
    void bindingAUnixSocketLeavesASocketFileThatOutlivesIt() {
        List<String> seen = new ArrayList<>();
        run(sys -> {
            sys.umask(022);
            int s = sys.socket(Fcntl.AF_UNIX, Fcntl.SOCK_STREAM | Fcntl.SOCK_CLOEXEC, 0);
            seen.add(Integer.toString(sys.bind(s, path("/sock"))));
            seen.add(err(sys.bind(s, path("/other"))).name());
            int t = sys.socket(Fcntl.AF_UNIX, Fcntl.SOCK_DGRAM, 0);
            seen.add(err(sys.bind(t, path("/sock"))).name());
            seen.add(Integer.toOctalString(sys.fstat(s).value().type()));
            seen.add(Integer.toOctalString(sys.fcntl(s, Fcntl.F_GETFD, 0)));
            sys.close(s);
            sys.close(t);
            FileStat st = sys.fstatat(AT_FDCWD, path("/sock"), AT_SYMLINK_NOFOLLOW).value();
            seen.add(Integer.toOctalString(st.mode()));
            seen.add(err(sys.open("/sock", O_RDONLY, 0)).name());
            int f = sys.open("/f", O_CREAT | O_WRONLY, 0644);
            seen.add(err(sys.bind(f, path("/g"))).name());
            seen.add(err(sys.socket(2, Fcntl.SOCK_STREAM, 0)).name());
            seen.add(Integer.toString(sys.unlink("/sock")));
            seen.add(err(sys.stat("/sock").error()).name());
        });
        assertEquals(List.of("0", "EINVAL", "EADDRINUSE", "140000", "1", "140755", "ENXIO", "ENOTSOCK", "EAFNOSUPPORT",
                "0", "ENOENT"), seen);
    }

    /**
     * {@code lf_advlock} (kern_lockf.c) as fcntl(2) locks behave: another process's conflicting request is EAGAIN,
     * F_GETLK names the holder, an unlock in the middle splits a range, a write lock through a read-only descriptor is
     * EBADF, F_SETLKW sleeps until the holder's locks go — which happens when it closes any descriptor of the file, not
     * only the one it locked through.
     */
    @Test
    void recordLocksConflictSplitWaitAndGoWithAnyCloseOfTheFile() {
        List<String> seen = new ArrayList<>();
        int[] holder = new int[1];
        run(sys -> {
            create(sys, "/db", "0123456789");
            int fd = sys.open("/db", O_RDWR, 0);
            int other = sys.open("/db", O_RDONLY, 0);
            holder[0] = sys.getpid();
            seen.add(Integer.toString(sys.fcntlLock(fd, Fcntl.F_SETLK, lock(Fcntl.F_WRLCK, 0, 10)).error()));
            seen.add(Integer.toString(sys.fcntlLock(fd, Fcntl.F_SETLK, lock(Fcntl.F_UNLCK, 4, 2)).error()));
            seen.add(err(sys.fcntlLock(other, Fcntl.F_SETLK, lock(Fcntl.F_WRLCK, 0, 1)).error()).name());
            sys.fork(child -> {
                int cfd = child.open("/db", O_RDWR, 0);
                Flock held = child.fcntlLock(cfd, Fcntl.F_GETLK, lock(Fcntl.F_RDLCK, 5, 1)).value();
                seen.add("free " + held.type());
                held = child.fcntlLock(cfd, Fcntl.F_GETLK, lock(Fcntl.F_RDLCK, 0, 0)).value();
                seen.add(held.type() + " " + held.start() + "+" + held.len() + (held.pid() == holder[0] ? " holder" : ""));
                seen.add(Integer.toString(child.fcntlLock(cfd, Fcntl.F_SETLK, lock(Fcntl.F_WRLCK, 4, 2)).error()));
                seen.add(err(child.fcntlLock(cfd, Fcntl.F_SETLK, lock(Fcntl.F_RDLCK, 8, 1)).error()).name());
                seen.add("wait " + child.fcntlLock(cfd, Fcntl.F_SETLKW, lock(Fcntl.F_WRLCK, 0, 0)).error());
                seen.add("child has it at " + child.now() / 1_000_000 + " ms");
            });
            sys.nanosleep(Machines.ms(5));
            seen.add("parent closes at " + sys.now() / 1_000_000 + " ms");
            sys.close(other);
        });
        assertEquals("0 0 EBADF free 2 1 0+4 holder 0 EAGAIN", String.join(" ", seen.subList(0, 7)));
        assertEquals(List.of("parent closes at 5 ms", "wait 0", "child has it at 5 ms"), seen.subList(7, 10));
    }

    /** pjdfstest chmod/12.t: a write by an unprivileged user clears set-uid, and set-gid with group-execute. */
    @Test
    void anUnprivilegedWriteClearsTheSetIdBits() {
        List<String> seen = new ArrayList<>();
        run(sys -> {
            for (int mode : new int[] {04777, 02777, 02767}) {
                create(sys, "/s", "");
                sys.fchmodat(AT_FDCWD, path("/s"), mode, 0);
                sys.seteuid(65534);
                int fd = sys.open("/s", O_WRONLY, 0);
                sys.write(fd, path("x"), 0, 1);
                sys.close(fd);
                sys.seteuid(0);
                seen.add(Integer.toOctalString(sys.stat("/s").value().mode() & Fcntl.ALLPERMS));
                int root = sys.open("/s", O_WRONLY, 0);
                sys.fchmod(root, mode);
                sys.write(root, path("y"), 0, 1);
                sys.close(root);
                seen.add(Integer.toOctalString(sys.stat("/s").value().mode() & Fcntl.ALLPERMS));
                sys.unlink("/s");
            }
        });
        assertEquals(List.of("777", "4777", "777", "2777", "2767", "2767"), seen);
    }

    private static Flock lock(int type, long start, long len) {
        return new Flock(type, Fcntl.SEEK_SET, start, len, 0);
    }

    @Test
    void theSameFileWorkloadGivesTheSameDigestAndTimesComeFromTheVirtualClock() {
        String[] digests = new String[2];
        long[] mtimes = new long[2];
        for (int i = 0; i < 2; i++) {
            int run = i;
            SimKernel k = Machines.boot("smp-4", 5);
            for (int p = 0; p < 4; p++) {
                String dir = "/w" + p;
                k.spawn("w" + p, sys -> {
                    sys.mkdir(dir, 0755);
                    for (int f = 0; f < 20; f++) {
                        create(sys, dir + "/" + f, "x".repeat(f * 100));
                        sys.renameat(AT_FDCWD, path(dir + "/" + f), AT_FDCWD, path(dir + "/r" + f));
                    }
                    mtimes[run] = sys.stat(dir).value().mtime();
                });
            }
            k.runFor(Machines.ms(50));
            assertEquals(0, k.processes());
            digests[i] = k.digest();
        }
        assertEquals(digests[0], digests[1]);
        assertEquals(mtimes[0], mtimes[1]);
        assertTrue(mtimes[0] > KernelVfsHost.BOOT_EPOCH_NANOS, "after the virtual boot epoch");
        assertFalse(mtimes[0] > KernelVfsHost.BOOT_EPOCH_NANOS + Machines.ms(50), "within the 50 ms run");
    }
}
