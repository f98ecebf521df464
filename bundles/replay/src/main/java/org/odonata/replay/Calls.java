package org.odonata.replay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.Flock;
import org.odonata.api.vfs.SysResult;
import org.odonata.replay.Planner.HostFd;
import org.odonata.replay.Planner.HostProc;
import org.odonata.replay.strace.CString;
import org.odonata.replay.strace.Ret;
import org.odonata.replay.strace.StraceText;
import org.odonata.replay.strace.Syscall;

/**
 * The replay of each Linux call strace shows: how it changes the host state the {@link Planner} follows, whether it
 * touches {@code DIR}, and the {@link Op} that makes it on the simulated kernel and compares the result (value or
 * errno; data read; stat types, modes and sizes; directory entries as sets of names).
 */
final class Calls {

    static final Set<String> FORKS = Set.of("fork", "vfork", "clone", "clone3");
    /** Calls with neither a path nor a descriptor: skipped as no file calls. */
    private static final Set<String> NOT_FILE = Set.of("brk", "munmap", "mprotect", "madvise", "mremap", "arch_prctl",
            "set_tid_address", "set_robust_list", "rseq", "prlimit64", "getrlimit", "setrlimit", "rt_sigaction",
            "rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend", "sigaltstack", "kill", "tgkill", "tkill", "getpid",
            "getppid", "gettid", "getuid", "geteuid", "getgid", "getegid", "getgroups", "getresuid", "getresgid", "getpgrp", "setpgid", "getpgid",
            "setsid", "getsid", "wait4", "waitid", "exit", "exit_group", "uname", "sysinfo", "getrandom",
            "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time", "times",
            "futex", "sched_yield", "sched_getaffinity", "sched_setaffinity", "getcpu", "prctl", "capget", "capset",
            "alarm", "setitimer", "getitimer", "pause", "pipe", "pipe2", "socketpair", "eventfd2",
            "epoll_create1", "timerfd_create", "signalfd4", "memfd_create", "getrusage", "personality",
            "ioprio_get", "ioprio_set", "membarrier", "pkey_alloc", "statfs");

    /** Where DragonFly answers otherwise than Linux, on purpose: the reasons the replay reports. */
    static final String DRAGONFLY_ACCMODE = "open with access mode O_ACCMODE is EINVAL (kern_open)";
    static final String DRAGONFLY_RENAME_DOTS = "rename of . or .. is EINVAL, not EBUSY (nlookup)";

    private final Planner pl;

    Calls(Planner planner) {
        this.pl = planner;
    }

    /** Where a path argument leads, and what the simulated call is given. */
    record Loc(boolean inside, long dirfd, byte[] path, List<byte[]> hostParts) {
    }

    // ---- argument decoding ----

    static long fdArg(String a) {
        String t = a.trim();
        return t.startsWith("AT_FDCWD") ? Fcntl.AT_FDCWD : StraceText.number(t);
    }

    static byte[] pathArg(String a) {
        String t = a.trim();
        if (t.equals("NULL") || StraceText.isNumber(t)) {
            // NULL, or a pointer strace could not read (pjdfstest's EFAULT cases): the model's paths are byte
            // strings, not user addresses, so both are null, which copyinstr in the VFS answers with EFAULT
            return null;
        }
        CString s = StraceText.string(t);
        if (s.truncated()) {
            // strace prints at most PATH_MAX - 1 bytes of a path: one it cut is too long for any lookup
            if (s.length() < Fcntl.PATH_MAX - 1) {
                throw new Unsupported("a path strace cut short");
            }
            byte[] longer = Arrays.copyOf(s.bytes(), Fcntl.PATH_MAX);
            Arrays.fill(longer, s.length(), longer.length, (byte) 'x');
            return longer;
        }
        return s.bytes();
    }

    /** Whether a path's last component is {@code .} or {@code ..}. */
    static boolean dotLast(byte[] path) {
        if (path == null) {
            return false;
        }
        List<byte[]> parts = HostPaths.split(path);
        byte[] last = parts.isEmpty() ? new byte[0] : parts.getLast();
        return last.length == 1 && last[0] == '.' || last.length == 2 && last[0] == '.' && last[1] == '.';
    }

    static long num(String a) {
        String t = a.trim();
        int sp = t.indexOf(' ');
        return StraceText.number(sp > 0 ? t.substring(0, sp) : t);
    }

    static long flags(String a, Map<String, Long> table, String what) {
        return StraceText.flags(a, Linux.names(table, what));
    }

    /** Whether {@code a} names {@code flag} among its {@code |}-joined parts. */
    static boolean has(String a, String flag) {
        for (String p : a.split("\\|")) {
            if (p.trim().equals(flag)) {
                return true;
            }
        }
        return false;
    }

    // ---- paths and descriptors ----

    Loc loc(HostProc p, long dirfd, String dirfdArg, byte[] path) {
        HostFd d = dirfd == Fcntl.AT_FDCWD ? null : p.fds.get((int) dirfd);
        if (path == null || path.length == 0) {
            if (dirfd == Fcntl.AT_FDCWD) {
                return new Loc(p.cwdInside(pl.paths), dirfd, path, p.cwd);
            }
            return new Loc(d != null && d.inside, dirfd, path, d == null ? null : d.path);
        }
        Loc magic = procSelfFd(p, path);
        if (magic != null) {
            return magic;
        }
        boolean absolute = HostPaths.absolute(path);
        List<byte[]> base;
        boolean baseInside;
        if (absolute) {
            base = List.of();
            baseInside = false;
        } else if (dirfd == Fcntl.AT_FDCWD) {
            base = p.cwd;
            baseInside = p.cwdInside(pl.paths);
        } else if (d != null && d.path != null) {
            base = d.path;
            baseInside = d.inside;
        } else {
            byte[] shown = dirfdArg == null ? null : StraceText.annotation(dirfdArg);
            if (shown == null) {
                return new Loc(false, dirfd, path, null);
            }
            base = HostPaths.split(shown);
            baseInside = false;
        }
        HostPaths.Resolved r = pl.paths.resolve(base, path);
        if (!r.inside()) {
            return new Loc(false, dirfd, path, r.parts());
        }
        boolean slash = path[path.length - 1] == '/';
        if (absolute) {
            byte[] v = pl.paths.simulatedVerbatim(path);
            return new Loc(true, Fcntl.AT_FDCWD, v != null ? v : pl.paths.simulated(r.parts(), slash), r.parts());
        }
        if (baseInside && r.stayedInside()) {
            return new Loc(true, dirfd, path, r.parts());
        }
        return new Loc(true, Fcntl.AT_FDCWD, pl.paths.simulated(r.parts(), slash), r.parts());
    }

    private static final byte[] PROC_SELF_FD = "/proc/self/fd/".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@code /proc/self/fd/N}: Linux's magic link to what descriptor N refers to (glibc's {@code fchmodat} with
     * {@code AT_SYMLINK_NOFOLLOW} chmods an {@code O_PATH} descriptor through it); under DIR when N is, and then made
     * on the descriptor's path. Null for any other path.
     */
    private Loc procSelfFd(HostProc p, byte[] path) {
        if (path.length <= PROC_SELF_FD.length
                || !Arrays.equals(path, 0, PROC_SELF_FD.length, PROC_SELF_FD, 0, PROC_SELF_FD.length)) {
            return null;
        }
        List<byte[]> parts = HostPaths.split(path);
        String n = new String(parts.get(3), StandardCharsets.US_ASCII);
        if (!n.chars().allMatch(Character::isDigit)) {
            return null;
        }
        HostFd f = p.fds.get(Integer.parseInt(n));
        if (f == null || !f.inside || f.path == null || parts.size() > 4) {
            return new Loc(false, Fcntl.AT_FDCWD, path, parts);
        }
        return new Loc(true, Fcntl.AT_FDCWD, pl.paths.simulated(f.path, false), f.path);
    }

    static boolean fdInside(HostProc p, long fd) {
        HostFd f = p.fds.get((int) fd);
        return f != null && f.inside;
    }

    /** Records a descriptor the host returned. */
    void opened(HostProc p, Ret ret, List<byte[]> path, boolean inside, boolean cloexec) {
        if (!ret.ok()) {
            return;
        }
        List<byte[]> where = path;
        if (where == null && ret.fdPath() != null) {
            where = HostPaths.split(ret.fdPath());
            inside = false;
        }
        p.fds.put((int) ret.value(), new HostFd(where, inside, cloexec));
    }

    private void replay(HostProc p, Syscall c, Op.Action a) {
        pl.add(p, new Op(c, a, true));
    }

    // ---- the calls ----

    void plan(HostProc p, Syscall c) {
        String n = c.name();
        switch (n) {
            case "open", "openat", "creat" -> open(p, c);
            case "openat2" -> openat2(p, c);
            case "close" -> close(p, c);
            case "read", "pread64" -> read(p, c);
            case "write", "pwrite64" -> write(p, c);
            case "readv", "writev" -> vector(p, c);
            case "lseek" -> lseek(p, c);
            case "fstat", "stat", "lstat", "newfstatat", "statx" -> stat(p, c);
            case "mkdir", "mkdirat", "mknod", "mknodat" -> make(p, c);
            case "unlink", "unlinkat", "rmdir" -> unlink(p, c);
            case "rename", "renameat", "renameat2", "link", "linkat" -> twoPaths(p, c);
            case "symlink", "symlinkat" -> symlink(p, c);
            case "readlink", "readlinkat" -> readlink(p, c);
            case "chmod", "fchmod", "fchmodat", "chown", "lchown", "fchown", "fchownat" -> attrs(p, c);
            case "truncate", "ftruncate" -> truncate(p, c);
            case "fsync", "fdatasync", "syncfs" -> fsync(p, c);
            case "sync" -> replay(p, c, (x, op) -> x.expect(op, x.sys.sync(), false));
            case "getdents64" -> getdents(p, c);
            case "utimensat" -> utimens(p, c);
            case "chdir", "fchdir" -> chdir(p, c);
            case "getcwd" -> getcwd(p, c);
            case "dup", "dup2", "dup3" -> dup(p, c);
            case "fcntl" -> fcntl(p, c);
            case "copy_file_range", "sendfile" -> copy(p, c);
            case "access", "faccessat", "faccessat2" -> access(p, c);
            case "umask" -> {
                int mask = (int) num(c.arg(0));
                replay(p, c, (x, op) -> x.expect(op, x.sys.umask(mask), true));
            }
            case "fork", "vfork", "clone", "clone3" -> fork(p, c);
            case "setuid", "setgid", "setresuid", "setresgid", "setreuid", "setregid", "setgroups" -> creds(p, c);
            case "execve", "execveat" -> exec(p, c);
            case "socket" -> socket(p, c);
            case "bind" -> bind(p, c);
            case "connect" -> connect(p, c);
            case "fadvise64" -> pl.skip(fdInside(p, num(c.arg(0))) ? Planner.ADVISORY : Planner.OUTSIDE);
            case "mmap" -> mmap(p, c);
            case "ioctl" -> ioctl(p, c);
            case "listxattr", "llistxattr", "flistxattr", "getxattr", "lgetxattr", "fgetxattr", "setxattr",
                    "lsetxattr", "fsetxattr", "removexattr", "lremovexattr", "fremovexattr" -> xattr(p, c);
            case "fstatfs" -> {
                long fd = num(c.arg(0));
                if (!fdInside(p, fd)) {
                    pl.skip(Planner.OUTSIDE);
                    return;
                }
                replay(p, c, (x, op) -> x.expect(op, x.sys.fstatfs(x.fd(fd)).error(), false));
            }
            default -> other(p, c);
        }
    }

    private void open(HostProc p, Syscall c) {
        int i = c.name().equals("openat") ? 1 : 0;
        long dirfd = i == 1 ? fdArg(c.arg(0)) : Fcntl.AT_FDCWD;
        byte[] path = pathArg(c.arg(i));
        Loc l = loc(p, dirfd, i == 1 ? c.arg(0) : null, path);
        boolean creat = c.name().equals("creat");
        if (!l.inside()) {
            boolean cloexec = !creat && has(c.arg(i + 1), "O_CLOEXEC");
            opened(p, c.ret(), l.hostParts(), false, cloexec);
            pl.skip(Planner.OUTSIDE);
            return;
        }
        long flags = creat ? Fcntl.O_CREAT | Fcntl.O_WRONLY | Fcntl.O_TRUNC
                : flags(c.arg(i + 1), Linux.OPEN, c.name() + " flag");
        if ((flags & Linux.O_TMPFILE) == Linux.O_TMPFILE) {
            throw new Unsupported(c.name() + " flag O_TMPFILE");
        }
        long mode = creat ? num(c.arg(1)) : c.args().size() > i + 2 ? num(c.arg(i + 2)) : 0;
        int f = (int) (flags & ~Linux.O_LARGEFILE);
        if ((flags & Fcntl.O_ACCMODE) == Fcntl.O_ACCMODE && (flags & Linux.O_PATH) == 0 && c.ret().ok()) {
            // Linux opens access mode 3 for ioctls only; DragonFly refuses it, so the host's descriptor has no
            // simulated twin and its later calls are skipped as outside DIR
            opened(p, c.ret(), l.hostParts(), false, (flags & Linux.O_CLOEXEC) != 0);
            replay(p, c, (x, op) -> x.expectDragonFly(op, x.sys.openat(x.dirfd(l.dirfd()), l.path(), f, (int) mode),
                    Errno.EINVAL, DRAGONFLY_ACCMODE));
            return;
        }
        opened(p, c.ret(), l.hostParts(), true, (flags & Linux.O_CLOEXEC) != 0);
        long hostFd = c.ret().value();
        Op op = new Op(c, (x, o) -> x.adopt(o, hostFd, x.sys.openat(x.dirfd(l.dirfd()), l.path(), f, (int) mode)),
                true);
        // a blocking open of a FIFO the trace made waits for the other side, which may open later in the order
        op.handsOnFirst = (flags & Fcntl.O_NONBLOCK) == 0 && (flags & Fcntl.O_ACCMODE) != Fcntl.O_RDWR
                && l.hostParts() != null && pl.fifos.contains(fifoKey(l.hostParts()));
        pl.add(p, op);
    }

    private static String fifoKey(List<byte[]> hostParts) {
        return new String(HostPaths.join(hostParts), StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code openat2} with at most {@code RESOLVE_BENEATH|RESOLVE_NO_MAGICLINKS} on a relative path without
     * {@code ..} (what rsync asks): an {@code openat}, since such a lookup leaves the directory only through a
     * symbolic link — and then the host's EXDEV shows as a mismatch. Other resolve flags are unsupported.
     */
    private void openat2(HostProc p, Syscall c) {
        long dirfd = fdArg(c.arg(0));
        byte[] path = pathArg(c.arg(1));
        Loc l = loc(p, dirfd, c.arg(0), path);
        Map<String, String> how = StraceText.struct(c.arg(2));
        String fl = how.getOrDefault("flags", "0");
        if (!l.inside()) {
            opened(p, c.ret(), l.hostParts(), false, has(fl, "O_CLOEXEC"));
            pl.skip(Planner.OUTSIDE);
            return;
        }
        String resolve = how.getOrDefault("resolve", "0").trim();
        boolean dotdot = HostPaths.split(path).stream().anyMatch(n -> n.length == 2 && n[0] == '.' && n[1] == '.');
        for (String r : resolve.split("\\|")) {
            if (!Set.of("0", "RESOLVE_BENEATH", "RESOLVE_NO_MAGICLINKS").contains(r.trim()) || dotdot
                    || HostPaths.absolute(path)) {
                throw new Unsupported("openat2 resolve " + resolve);
            }
        }
        long flags = flags(fl, Linux.OPEN, "openat2 flag");
        long mode = how.containsKey("mode") ? num(how.get("mode")) : 0;
        opened(p, c.ret(), l.hostParts(), true, (flags & Linux.O_CLOEXEC) != 0);
        long hostFd = c.ret().value();
        int f = (int) (flags & ~Linux.O_LARGEFILE);
        replay(p, c, (x, op) -> x.adopt(op, hostFd, x.sys.openat(x.dirfd(l.dirfd()), l.path(), f, (int) mode)));
    }

    private void close(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        HostFd f = p.fds.remove((int) fd);
        if (f == null || !f.inside) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        replay(p, c, (x, op) -> x.expect(op, x.sys.close(x.unbind(fd)), false));
    }

    private void read(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        if (!fdInside(p, fd)) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        boolean positioned = c.name().equals("pread64");
        CString data = c.ret().ok() && StraceText.isString(c.arg(1)) ? StraceText.string(c.arg(1)) : null;
        int count = (int) Math.min(num(c.arg(2)), 1 << 24);
        long offset = positioned ? num(c.arg(3)) : 0;
        replay(p, c, (x, op) -> {
            byte[] buf = new byte[count];
            int r = positioned ? x.sys.pread(x.fd(fd), buf, 0, count, offset) : x.sys.read(x.fd(fd), buf, 0, count);
            if (x.expect(op, r, true) && data != null) {
                compareData(x, op, data.bytes(), buf, r);
            }
        });
    }

    /** The data read agrees with what the trace shows (a prefix when strace cut it short). */
    static void compareData(Executor x, Op op, byte[] want, byte[] got, int len) {
        int n = Math.min(want.length, len);
        int at = Arrays.mismatch(want, 0, n, got, 0, n);
        if (at >= 0) {
            x.mismatch(op, "data differs at byte " + at);
        } else if (want.length > len) {
            x.mismatch(op, "read " + len + " bytes, the trace shows " + want.length);
        }
    }

    /** The bytes a write passes, all of them, or unsupported when strace cut them short. */
    static byte[] written(Syscall c, String arg, long count) {
        CString s = StraceText.string(arg);
        if (s.truncated() || s.length() != count) {
            throw new Unsupported(c.name() + " data cut short (record with strace -s larger than the writes)");
        }
        return s.bytes();
    }

    private void write(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        if (!fdInside(p, fd)) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        boolean positioned = c.name().equals("pwrite64");
        byte[] data = written(c, c.arg(1), num(c.arg(2)));
        long offset = positioned ? num(c.arg(3)) : 0;
        replay(p, c, (x, op) -> x.expect(op, positioned ? x.sys.pwrite(x.fd(fd), data, 0, data.length, offset)
                : x.sys.write(x.fd(fd), data, 0, data.length), true));
    }

    private void vector(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        if (!fdInside(p, fd)) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        List<Map<String, String>> iov = new ArrayList<>();
        for (String e : StraceText.array(c.arg(1))) {
            iov.add(StraceText.struct(e));
        }
        if (iov.size() != num(c.arg(2))) {
            throw new Unsupported(c.name() + " with an iovec array strace cut short");
        }
        if (c.name().equals("writev")) {
            byte[][] bufs = new byte[iov.size()][];
            for (int i = 0; i < bufs.length; i++) {
                bufs[i] = written(c, iov.get(i).get("iov_base"), num(iov.get(i).get("iov_len")));
            }
            replay(p, c, (x, op) -> x.expect(op, x.sys.writev(x.fd(fd), bufs), true));
            return;
        }
        byte[][] bufs = new byte[iov.size()][];
        List<byte[]> shown = new ArrayList<>();
        for (int i = 0; i < bufs.length; i++) {
            bufs[i] = new byte[(int) num(iov.get(i).get("iov_len"))];
            String base = iov.get(i).get("iov_base");
            shown.add(c.ret().ok() && base != null && StraceText.isString(base) ? StraceText.string(base).bytes()
                    : new byte[0]);
        }
        replay(p, c, (x, op) -> {
            byte[][] fresh = new byte[bufs.length][];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = new byte[bufs[i].length];
            }
            long r = x.sys.readv(x.fd(fd), fresh);
            if (x.expect(op, r, true)) {
                for (int i = 0; i < fresh.length; i++) {
                    compareData(x, op, shown.get(i), fresh[i], Math.min(fresh[i].length, shown.get(i).length));
                }
            }
        });
    }

    private void lseek(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        if (!fdInside(p, fd)) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        long off = num(c.arg(1));
        int whence = (int) flags(c.arg(2), Linux.SEEK, "lseek whence");
        if (whence > Fcntl.SEEK_END) {
            throw new Unsupported("lseek " + c.arg(2));
        }
        replay(p, c, (x, op) -> {
            int s = x.fd(fd);
            long r = x.sys.lseek(s, off, whence);
            SysResult<FileStat> st = x.sys.fstat(s);
            // a directory's offsets are its filesystem's cookies: only the outcome is compared
            boolean dir = st.ok() && st.value().isDirectory();
            if (dir) {
                x.dents.remove((int) fd);
            }
            x.expect(op, r, !dir);
        });
    }

    private void stat(HostProc p, Syscall c) {
        String n = c.name();
        String struct;
        Loc l;
        int flags = 0;
        switch (n) {
            case "fstat" -> {
                long fd = num(c.arg(0));
                if (!fdInside(p, fd)) {
                    pl.skip(Planner.OUTSIDE);
                    return;
                }
                struct = c.arg(1);
                replay(p, c, (x, op) -> compareStat(x, op, x.sys.fstat(x.fd(fd)), struct, "st_"));
                return;
            }
            case "stat", "lstat" -> {
                l = loc(p, Fcntl.AT_FDCWD, null, pathArg(c.arg(0)));
                struct = c.arg(1);
                flags = n.equals("lstat") ? Fcntl.AT_SYMLINK_NOFOLLOW : 0;
            }
            case "newfstatat" -> {
                l = loc(p, fdArg(c.arg(0)), c.arg(0), pathArg(c.arg(1)));
                struct = c.arg(2);
                flags = (int) flags(c.arg(3), Linux.AT, "newfstatat flag");
            }
            default -> {
                l = loc(p, fdArg(c.arg(0)), c.arg(0), pathArg(c.arg(1)));
                struct = c.arg(4);
                flags = (int) flags(c.arg(2), Linux.AT, "statx flag") & (Fcntl.AT_SYMLINK_NOFOLLOW
                        | Fcntl.AT_EMPTY_PATH);
            }
        }
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        int f = flags;
        String prefix = n.equals("statx") ? "stx_" : "st_";
        replay(p, c, (x, op) -> compareStat(x, op, x.sys.fstatat(x.dirfd(l.dirfd()), l.path() == null
                ? new byte[0] : l.path(), f), struct, prefix));
    }

    /** Type, mode (not of a symbolic link) and size (of a regular file or symbolic link) as the trace shows. */
    static void compareStat(Executor x, Op op, SysResult<FileStat> got, String struct, String prefix) {
        if (!x.expect(op, got.error(), false) || !got.ok() || !Executor.succeeded(op)) {
            return;
        }
        Map<String, String> s = StraceText.struct(struct);
        FileStat st = got.value();
        String m = s.get(prefix + "mode");
        if (m != null) {
            int mode = (int) flags(m, Linux.MODE, "st_mode");
            if ((mode & Fcntl.S_IFMT) != st.type()) {
                x.mismatch(op, "type " + Integer.toOctalString(st.type()) + ", the trace shows "
                        + Integer.toOctalString(mode & Fcntl.S_IFMT));
                return;
            }
            if (st.type() != Fcntl.S_IFLNK && (mode & Fcntl.ALLPERMS) != (st.mode() & Fcntl.ALLPERMS)) {
                x.mismatch(op, "mode 0" + Integer.toOctalString(st.mode() & Fcntl.ALLPERMS) + ", the trace shows 0"
                        + Integer.toOctalString(mode & Fcntl.ALLPERMS));
            }
        }
        String size = s.get(prefix + "size");
        if (size != null && (st.isRegular() || st.isSymlink()) && num(size) != st.size()) {
            x.mismatch(op, "size " + st.size() + ", the trace shows " + num(size));
        }
    }

    private void make(HostProc p, Syscall c) {
        boolean at = c.name().endsWith("at");
        int i = at ? 1 : 0;
        Loc l = loc(p, at ? fdArg(c.arg(0)) : Fcntl.AT_FDCWD, at ? c.arg(0) : null, pathArg(c.arg(i)));
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        int mode = (int) flags(c.arg(i + 1), Linux.MODE, c.name() + " mode");
        if (c.name().startsWith("mkdir")) {
            replay(p, c, (x, op) -> x.expect(op, x.sys.mkdirat(x.dirfd(l.dirfd()), l.path(), mode), false));
        } else {
            long dev = c.args().size() > i + 2 ? dev(c.arg(i + 2)) : 0;
            if ((mode & Fcntl.S_IFMT) == Fcntl.S_IFIFO && c.ret().ok() && l.hostParts() != null) {
                pl.fifos.add(fifoKey(l.hostParts()));
            }
            replay(p, c, (x, op) -> x.expect(op, x.sys.mknodat(x.dirfd(l.dirfd()), l.path(), mode, dev), false));
        }
    }

    /** A device number as strace prints it: {@code makedev(0x1, 0x3)} or a number, in Linux's encoding. */
    static long dev(String a) {
        String t = a.trim();
        if (!t.startsWith("makedev(") || !t.endsWith(")")) {
            return num(t);
        }
        List<String> mm = StraceText.split(t.substring(8, t.length() - 1));
        long major = num(mm.get(0));
        long minor = num(mm.get(1));
        // new_encode_dev (include/linux/kdev_t.h)
        return minor & 0xff | major << 8 | (minor & ~0xffL) << 12;
    }

    private void unlink(HostProc p, Syscall c) {
        boolean at = c.name().equals("unlinkat");
        Loc l = loc(p, at ? fdArg(c.arg(0)) : Fcntl.AT_FDCWD, at ? c.arg(0) : null, pathArg(c.arg(at ? 1 : 0)));
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        int flags = at ? (int) flags(c.arg(2), Linux.AT, "unlinkat flag")
                : c.name().equals("rmdir") ? Fcntl.AT_REMOVEDIR : 0;
        replay(p, c, (x, op) -> x.expect(op, x.sys.unlinkat(x.dirfd(l.dirfd()), l.path(), flags), false));
    }

    private void twoPaths(HostProc p, Syscall c) {
        boolean at = c.name().endsWith("at") || c.name().equals("renameat2");
        Loc from = at ? loc(p, fdArg(c.arg(0)), c.arg(0), pathArg(c.arg(1)))
                : loc(p, Fcntl.AT_FDCWD, null, pathArg(c.arg(0)));
        Loc to = at ? loc(p, fdArg(c.arg(2)), c.arg(2), pathArg(c.arg(3)))
                : loc(p, Fcntl.AT_FDCWD, null, pathArg(c.arg(1)));
        if (!from.inside() && !to.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        if (from.inside() != to.inside()) {
            throw new Unsupported(c.name() + " across DIR's boundary");
        }
        boolean link = c.name().startsWith("link");
        int flags = c.args().size() > 4 ? (int) flags(c.arg(4), link ? Linux.AT : Linux.RENAME, c.name() + " flag")
                : 0;
        // Linux says EBUSY for a rename of . or ..; DragonFly's nlookup EINVAL (NLC_RENAME_SRC/DST)
        boolean dots = !link && c.ret().failed() && "EBUSY".equals(c.ret().errno())
                && (dotLast(from.path()) || dotLast(to.path()));
        replay(p, c, (x, op) -> {
            int a = x.dirfd(from.dirfd());
            int b = x.dirfd(to.dirfd());
            int r = link ? x.sys.linkat(a, from.path(), b, to.path(), flags)
                    : x.sys.renameat2(a, from.path(), b, to.path(), flags);
            if (dots) {
                x.expectDragonFly(op, r, Errno.EINVAL, DRAGONFLY_RENAME_DOTS);
            } else {
                x.expect(op, r, false);
            }
        });
    }

    private void symlink(HostProc p, Syscall c) {
        boolean at = c.name().equals("symlinkat");
        byte[] target = pathArg(c.arg(0));
        Loc l = at ? loc(p, fdArg(c.arg(1)), c.arg(1), pathArg(c.arg(2)))
                : loc(p, Fcntl.AT_FDCWD, null, pathArg(c.arg(1)));
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        replay(p, c, (x, op) -> x.expect(op, x.sys.symlinkat(target, x.dirfd(l.dirfd()), l.path()), false));
    }

    private void readlink(HostProc p, Syscall c) {
        boolean at = c.name().equals("readlinkat");
        int i = at ? 1 : 0;
        Loc l = loc(p, at ? fdArg(c.arg(0)) : Fcntl.AT_FDCWD, at ? c.arg(0) : null, pathArg(c.arg(i)));
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        byte[] shown = c.ret().ok() ? StraceText.string(c.arg(i + 1)).bytes() : null;
        int size = (int) Math.min(num(c.arg(i + 2)), 1 << 16);
        replay(p, c, (x, op) -> {
            byte[] buf = new byte[size];
            int r = x.sys.readlinkat(x.dirfd(l.dirfd()), l.path(), buf);
            if (x.expect(op, r, true) && shown != null) {
                compareData(x, op, shown, buf, r);
            }
        });
    }

    private void attrs(HostProc p, Syscall c) {
        String n = c.name();
        if (n.startsWith("f") && !n.endsWith("at")) {
            long fd = num(c.arg(0));
            if (!fdInside(p, fd)) {
                pl.skip(Planner.OUTSIDE);
                return;
            }
            if (n.equals("fchmod")) {
                int mode = (int) flags(c.arg(1), Linux.MODE, "fchmod mode");
                replay(p, c, (x, op) -> x.expect(op, x.sys.fchmod(x.fd(fd), mode), false));
            } else {
                int uid = (int) num(c.arg(1));
                int gid = (int) num(c.arg(2));
                replay(p, c, (x, op) -> x.expect(op, x.sys.fchown(x.fd(fd), uid, gid), false));
            }
            return;
        }
        boolean at = n.endsWith("at");
        int i = at ? 1 : 0;
        Loc l = loc(p, at ? fdArg(c.arg(0)) : Fcntl.AT_FDCWD, at ? c.arg(0) : null, pathArg(c.arg(i)));
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        if (n.contains("chmod")) {
            int mode = (int) flags(c.arg(i + 1), Linux.MODE, n + " mode");
            int flags = at && c.args().size() > 3 ? (int) flags(c.arg(3), Linux.AT, n + " flag") : 0;
            replay(p, c, (x, op) -> x.expect(op, x.sys.fchmodat(x.dirfd(l.dirfd()), l.path(), mode, flags), false));
        } else {
            int uid = (int) num(c.arg(i + 1));
            int gid = (int) num(c.arg(i + 2));
            int flags = at ? (int) flags(c.arg(4), Linux.AT, n + " flag")
                    : n.equals("lchown") ? Fcntl.AT_SYMLINK_NOFOLLOW : 0;
            replay(p, c, (x, op) -> x.expect(op, x.sys.fchownat(x.dirfd(l.dirfd()), l.path(), uid, gid, flags),
                    false));
        }
    }

    private void truncate(HostProc p, Syscall c) {
        long len = num(c.arg(1));
        if (c.name().equals("ftruncate")) {
            long fd = num(c.arg(0));
            if (!fdInside(p, fd)) {
                pl.skip(Planner.OUTSIDE);
                return;
            }
            replay(p, c, (x, op) -> x.expect(op, x.sys.ftruncate(x.fd(fd), len), false));
            return;
        }
        Loc l = loc(p, Fcntl.AT_FDCWD, null, pathArg(c.arg(0)));
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        replay(p, c, (x, op) -> x.expect(op, x.sys.truncate(l.path(), len), false));
    }

    private void fsync(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        if (!fdInside(p, fd)) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        String n = c.name();
        replay(p, c, (x, op) -> x.expect(op, n.equals("fsync") ? x.sys.fsync(x.fd(fd))
                : n.equals("fdatasync") ? x.sys.fdatasync(x.fd(fd)) : x.sys.sync(), false));
    }

    private void getdents(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        if (!fdInside(p, fd)) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        int size = (int) Math.min(num(c.arg(2)), 1 << 20);
        Set<String> names = null;
        long entries = -1;
        String list = c.arg(1);
        if (c.ret().ok() && list.startsWith("[")) {
            names = new TreeSet<>();
            for (String e : StraceText.array(list)) {
                names.add(new String(StraceText.string(StraceText.struct(e).get("d_name")).bytes(),
                        StandardCharsets.ISO_8859_1));
            }
            entries = names.size();
        } else if (c.ret().ok()) {
            int at = list.indexOf("/* ");
            entries = at < 0 ? -1 : num(list.substring(at + 3));
        }
        Set<String> shown = names;
        long shownEntries = entries;
        replay(p, c, (x, op) -> dents(x, op, fd, size, shown, shownEntries));
    }

    private static void dents(Executor x, Op op, long fd, int size, Set<String> names, long entries) {
        int s = x.fd(fd);
        Ret want = op.call.ret();
        if (want.failed()) {
            x.expect(op, x.sys.getdents(s, size).error(), false);
            return;
        }
        Dents d = x.dents.computeIfAbsent((int) fd, k -> new Dents());
        if (want.value() > 0) {
            d.recordedBytes += want.value();
            d.recordedEntries += Math.max(0, entries);
            if (names == null) {
                d.namesShown = false;
            } else {
                names.forEach(nm -> d.recordedNames.add(ByteBuffer.wrap(
                        nm.getBytes(StandardCharsets.ISO_8859_1))));
            }
            if (!d.simulatedEnd && !readDents(x, op, d, s, size)) {
                x.dents.remove((int) fd);
            }
            return;
        }
        while (!d.simulatedEnd) {
            if (!readDents(x, op, d, s, size)) {
                x.dents.remove((int) fd);
                return;
            }
        }
        x.dents.remove((int) fd);
        if (d.namesShown && !d.recordedNames.equals(d.simulatedNames)) {
            Set<String> extra = new TreeSet<>();
            Set<String> missing = new TreeSet<>();
            d.simulatedNames.stream().filter(b -> !d.recordedNames.contains(b)).forEach(b -> extra.add(text(b)));
            d.recordedNames.stream().filter(b -> !d.simulatedNames.contains(b)).forEach(b -> missing.add(text(b)));
            x.mismatch(op, "directory entries differ: extra " + extra + ", missing " + missing);
        } else if (!d.namesShown && (d.recordedEntries != d.simulatedEntries || d.recordedBytes != d.simulatedBytes)) {
            x.mismatch(op, d.simulatedEntries + " entries in " + d.simulatedBytes + " bytes, the trace shows "
                    + d.recordedEntries + " in " + d.recordedBytes);
        }
    }

    private static String text(ByteBuffer b) {
        return new String(b.array(), StandardCharsets.ISO_8859_1);
    }

    private static boolean readDents(Executor x, Op op, Dents d, int s, int size) {
        SysResult<List<DirEntry>> r = x.sys.getdents(s, size);
        if (!r.ok()) {
            x.mismatch(op, "got " + Executor.describe(r.error()));
            return false;
        }
        if (r.value().isEmpty()) {
            d.simulatedEnd = true;
        }
        for (DirEntry e : r.value()) {
            d.simulatedNames.add(ByteBuffer.wrap(e.name()));
            d.simulatedEntries++;
            d.simulatedBytes += e.recordLength();
        }
        return true;
    }

    private void utimens(HostProc p, Syscall c) {
        long dirfd = fdArg(c.arg(0));
        byte[] path = pathArg(c.arg(1));
        Loc l = loc(p, dirfd, c.arg(0), path);
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        long[] t = {Fcntl.UTIME_NOW, Fcntl.UTIME_NOW};
        if (!c.arg(2).trim().equals("NULL")) {
            List<String> ts = StraceText.array(c.arg(2));
            for (int i = 0; i < 2 && i < ts.size(); i++) {
                t[i] = time(ts.get(i));
            }
        }
        int flags = (int) flags(c.arg(3), Linux.AT, "utimensat flag");
        replay(p, c, (x, op) -> x.expect(op, x.sys.utimensat(x.dirfd(l.dirfd()), l.path(), t[0], t[1], flags),
                false));
    }

    private static long time(String ts) {
        String t = ts.trim();
        if (t.startsWith("UTIME_NOW")) {
            return Fcntl.UTIME_NOW;
        }
        if (t.startsWith("UTIME_OMIT")) {
            return Fcntl.UTIME_OMIT;
        }
        Map<String, String> s = StraceText.struct(t);
        String nsec = s.getOrDefault("tv_nsec", "0").trim();
        if (nsec.startsWith("UTIME_NOW")) {
            return Fcntl.UTIME_NOW;
        }
        if (nsec.startsWith("UTIME_OMIT")) {
            return Fcntl.UTIME_OMIT;
        }
        return num(s.getOrDefault("tv_sec", "0")) * 1_000_000_000L + num(nsec);
    }

    private void chdir(HostProc p, Syscall c) {
        Loc l;
        if (c.name().equals("fchdir")) {
            long fd = num(c.arg(0));
            HostFd f = p.fds.get((int) fd);
            if (c.ret().ok() && f != null && f.path != null) {
                p.cwd = new ArrayList<>(f.path);
            }
            if (f == null || !f.inside) {
                pl.skip(Planner.OUTSIDE);
                return;
            }
            replay(p, c, (x, op) -> x.expect(op, x.sys.fchdir(x.fd(fd)), false));
            return;
        }
        l = loc(p, Fcntl.AT_FDCWD, null, pathArg(c.arg(0)));
        if (c.ret().ok() && l.hostParts() != null) {
            p.cwd = new ArrayList<>(l.hostParts());
        }
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        replay(p, c, (x, op) -> x.expect(op, x.sys.chdir(l.path()), false));
    }

    private void getcwd(HostProc p, Syscall c) {
        if (!p.cwdInside(pl.paths)) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        int size = (int) Math.min(num(c.arg(1)), 1 << 16);
        byte[] want = c.ret().ok() ? pl.paths.simulated(pathArg(c.arg(0))) : null;
        replay(p, c, (x, op) -> {
            byte[] buf = new byte[size];
            int r = x.sys.getcwd(buf);
            if (x.expect(op, r, false) && want != null && r > 0
                    && !Arrays.equals(Arrays.copyOf(buf, r - 1), want)) {
                x.mismatch(op, "cwd " + new String(buf, 0, r - 1, StandardCharsets.UTF_8));
            }
        });
    }

    private void dup(HostProc p, Syscall c) {
        long old = num(c.arg(0));
        HostFd f = p.fds.get((int) old);
        boolean cloexec = c.name().equals("dup3") && has(c.arg(2), "O_CLOEXEC");
        long newFd = c.ret().ok() ? c.ret().value() : -1;
        boolean replacesInside = newFd >= 0 && newFd != old && fdInside(p, newFd);
        if (c.ret().ok() && newFd != old) {
            if (f != null) {
                HostFd n = f.copy();
                n.cloexec = cloexec;
                p.fds.put((int) newFd, n);
            } else {
                p.fds.remove((int) newFd);
            }
        }
        if (f == null || !f.inside) {
            if (!replacesInside) {
                pl.skip(Planner.OUTSIDE);
                return;
            }
            // dup2 of an outside descriptor over one under DIR closes that one
            replay(p, c, (x, op) -> x.expect(op, x.sys.close(x.unbind(newFd)), false));
            return;
        }
        replay(p, c, (x, op) -> {
            if (newFd == old) {
                x.expect(op, x.fd(old) < 0 ? -9 : 0, false);
                return;
            }
            x.dents.remove((int) newFd);
            x.adopt(op, newFd, x.sys.fcntl(x.fd(old), cloexec ? Fcntl.F_DUPFD_CLOEXEC : Fcntl.F_DUPFD, 0));
        });
    }

    private void fcntl(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        HostFd f = p.fds.get((int) fd);
        String cmd = c.arg(1).trim();
        boolean ok = c.ret().ok();
        switch (cmd) {
            case "F_DUPFD", "F_DUPFD_CLOEXEC" -> {
                if (ok && f != null) {
                    HostFd n = f.copy();
                    n.cloexec = cmd.equals("F_DUPFD_CLOEXEC");
                    p.fds.put((int) c.ret().value(), n);
                }
            }
            case "F_SETFD" -> {
                if (ok && f != null) {
                    f.cloexec = has(c.arg(2), "FD_CLOEXEC") || StraceText.isNumber(c.arg(2))
                            && (num(c.arg(2)) & Fcntl.FD_CLOEXEC) != 0;
                }
            }
            default -> {
            }
        }
        if (f == null || !f.inside) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        long newFd = ok ? c.ret().value() : -1;
        switch (cmd) {
            case "F_DUPFD", "F_DUPFD_CLOEXEC" -> {
                int kind = cmd.equals("F_DUPFD") ? Fcntl.F_DUPFD : Fcntl.F_DUPFD_CLOEXEC;
                replay(p, c, (x, op) -> x.adopt(op, newFd, x.sys.fcntl(x.fd(fd), kind, 0)));
            }
            case "F_GETFD" -> replay(p, c, (x, op) -> x.expect(op, x.sys.fcntl(x.fd(fd), Fcntl.F_GETFD, 0), true));
            case "F_SETFD" -> {
                long v = StraceText.isNumber(c.arg(2)) ? num(c.arg(2)) : flags(c.arg(2), Linux.FD, "fcntl F_SETFD");
                replay(p, c, (x, op) -> x.expect(op, x.sys.fcntl(x.fd(fd), Fcntl.F_SETFD, v), false));
            }
            case "F_GETFL" -> replay(p, c, (x, op) -> {
                int mask = Fcntl.O_ACCMODE | Fcntl.O_APPEND | Fcntl.O_NONBLOCK;
                int r = x.sys.fcntl(x.fd(fd), Fcntl.F_GETFL, 0);
                if (x.expect(op, r, false) && r >= 0 && (r & mask) != (op.call.ret().value() & mask)) {
                    x.mismatch(op, "flags 0" + Integer.toOctalString(r & mask));
                }
            });
            case "F_SETFL" -> {
                long v = flags(c.arg(2), Linux.OPEN, "fcntl F_SETFL flag");
                replay(p, c, (x, op) -> x.expect(op, x.sys.fcntl(x.fd(fd), Fcntl.F_SETFL, v), false));
            }
            case "F_SETLK", "F_SETLKW", "F_GETLK" -> lock(p, c, fd, cmd);
            default -> throw new Unsupported("fcntl " + cmd);
        }
    }

    private static final Map<String, Long> LOCK_TYPES = Map.of("F_RDLCK", (long) Fcntl.F_RDLCK, "F_WRLCK",
            (long) Fcntl.F_WRLCK, "F_UNLCK", (long) Fcntl.F_UNLCK);

    /** A {@code struct flock} as strace shows it: {@code {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=1}}. */
    private static Flock flock(String arg) {
        Map<String, String> f = StraceText.struct(arg);
        return new Flock((int) flags(f.getOrDefault("l_type", "?"), LOCK_TYPES, "fcntl lock type"),
                (int) flags(f.getOrDefault("l_whence", "SEEK_SET"), Linux.SEEK, "fcntl lock whence"),
                num(f.getOrDefault("l_start", "0")), num(f.getOrDefault("l_len", "0")), 0);
    }

    /**
     * Record locks: F_SETLK and F_SETLKW replayed with the recorded range (a F_SETLKW that waited on the host is in
     * the trace where it completed, after the unlock it waited for); F_GETLK compared by the lock it found (type and
     * range — the holder's pid is the host's). strace shows F_GETLK's structure as the call left it, so the request is
     * replayed as a write lock on the range shown (which overlaps the request when a lock was found).
     */
    private void lock(HostProc p, Syscall c, long fd, String cmd) {
        int kind = cmd.equals("F_SETLK") ? Fcntl.F_SETLK : cmd.equals("F_SETLKW") ? Fcntl.F_SETLKW : Fcntl.F_GETLK;
        Flock shown = flock(c.arg(2));
        Flock want = kind != Fcntl.F_GETLK ? shown
                : new Flock(Fcntl.F_WRLCK, shown.whence(), shown.start(), shown.len(), 0);
        Flock found = kind == Fcntl.F_GETLK && c.ret().ok() ? shown : null;
        replay(p, c, (x, op) -> {
            SysResult<Flock> r = x.sys.fcntlLock(x.fd(fd), kind, want);
            if (x.expect(op, r.error(), false) && r.ok() && found != null && (r.value().type() != found.type()
                    || found.type() != Fcntl.F_UNLCK && (r.value().start() != found.start()
                            || r.value().len() != found.len()))) {
                Flock g = r.value();
                x.mismatch(op, "found " + g.type() + " " + g.start() + "+" + g.len() + ", the trace shows "
                        + found.type() + " " + found.start() + "+" + found.len());
            }
        });
    }

    /** An offset argument: {@code NULL} (the descriptor's own) or {@code [123]}. */
    private static long offset(String a) {
        String t = a.trim();
        return t.equals("NULL") ? -1 : num(StraceText.array(t).getFirst());
    }

    private void copy(HostProc p, Syscall c) {
        boolean sendfile = c.name().equals("sendfile");
        long in = num(c.arg(sendfile ? 1 : 0));
        long out = num(c.arg(sendfile ? 0 : 2));
        boolean inIn = fdInside(p, in);
        boolean outIn = fdInside(p, out);
        if (!inIn && !outIn) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        if (inIn != outIn) {
            throw new Unsupported(c.name() + " across DIR's boundary");
        }
        long offIn = offset(c.arg(sendfile ? 2 : 1));
        long offOut = sendfile ? -1 : offset(c.arg(3));
        long len = num(c.arg(sendfile ? 3 : 4));
        int flags = sendfile ? 0 : (int) num(c.arg(5));
        replay(p, c, (x, op) -> x.expect(op, x.sys.copyFileRange(x.fd(in), offIn, x.fd(out), offOut, len, flags),
                true));
    }

    private void access(HostProc p, Syscall c) {
        boolean at = !c.name().equals("access");
        int i = at ? 1 : 0;
        Loc l = loc(p, at ? fdArg(c.arg(0)) : Fcntl.AT_FDCWD, at ? c.arg(0) : null, pathArg(c.arg(i)));
        if (!l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        int mode = (int) flags(c.arg(i + 1), Linux.ACCESS, c.name() + " mode");
        int flags = c.args().size() > 3 ? (int) flags(c.arg(3), Linux.AT, c.name() + " flag") : 0;
        replay(p, c, (x, op) -> x.expect(op, x.sys.faccessat(x.dirfd(l.dirfd()), l.path(), mode, flags), false));
    }

    private void fork(HostProc p, Syscall c) {
        String fl = "";
        for (String a : c.args()) {
            String t = a.trim();
            if (t.startsWith("{")) {
                fl = StraceText.struct(t).getOrDefault("flags", "");
            } else if (t.startsWith("flags=")) {
                fl = t.substring(6);
            }
        }
        if (!c.ret().ok()) {
            pl.skip(Planner.NOT_FILE);
            return;
        }
        int child = (int) c.ret().value();
        if (has(fl, "CLONE_THREAD")) {
            pl.thread(p, child);
            pl.skip(Planner.NOT_FILE);
            return;
        }
        if (has(fl, "CLONE_FILES")) {
            throw new Unsupported(c.name() + " CLONE_FILES without CLONE_THREAD");
        }
        long start = c.startNanos() >= 0 ? c.startNanos() + Math.max(0, c.durationNanos()) : -1;
        ProcessPlan plan = pl.fork(p, child, start).plan;
        replay(p, c, (x, op) -> {
            Executor e = new Executor(x.run, plan, x.copyFds(), x.copyDents(), x.sys.now());
            x.run.sequencer.forking();
            int pid = x.sys.fork(e);
            if (pid < 0) {
                x.run.sequencer.gone(x.run.kernel.kthreads());
            }
            x.expect(op, pid, false);
        });
    }

    /**
     * Credentials change what later calls under DIR may do, so they are replayed wherever they are made: set-id calls
     * through the model's {@code setuid}/{@code seteuid}/{@code setgid}/{@code setegid}, and {@code setgroups} (the
     * supplementary groups, which access checks and chown consult as DragonFly's {@code groupmember} does).
     */
    private void creds(HostProc p, Syscall c) {
        String n = c.name();
        if (n.equals("setgroups")) {
            long count = num(c.arg(0));
            List<String> shown = c.arg(1).trim().equals("NULL") ? List.of() : StraceText.array(c.arg(1));
            if (shown.size() != count) {
                throw new Unsupported("setgroups list strace cut short");
            }
            int[] groups = shown.stream().mapToInt(g -> (int) num(g)).toArray();
            replay(p, c, (x, op) -> x.expect(op, x.sys.setgroups(groups), false));
            return;
        }
        boolean user = n.contains("uid");
        long[] ids = c.args().stream().mapToLong(Calls::num).toArray();
        boolean onlyEffective = ids.length >= 2 && ids[0] == -1 && (ids.length < 3 || ids[2] == -1);
        boolean all = Arrays.stream(ids).allMatch(v -> v == ids[0]);
        if (!all && !onlyEffective) {
            throw new Unsupported(n + " with different real, effective and saved ids");
        }
        int id = (int) (onlyEffective ? ids[1] : ids[0]);
        replay(p, c, (x, op) -> x.expect(op, user ? onlyEffective ? x.sys.seteuid(id) : x.sys.setuid(id)
                : onlyEffective ? x.sys.setegid(id) : x.sys.setgid(id), false));
    }

    private void exec(HostProc p, Syscall c) {
        if (!c.ret().ok()) {
            pl.skip(Planner.NOT_FILE);
            return;
        }
        Set<Integer> closing = new HashSet<>();
        p.fds.entrySet().removeIf(e -> {
            if (e.getValue().cloexec) {
                if (e.getValue().inside) {
                    closing.add(e.getKey());
                }
                return true;
            }
            return false;
        });
        replay(p, c, (x, op) -> {
            Set<Integer> closed = new TreeSet<>();
            for (Map.Entry<Integer, Integer> e : new ArrayList<>(x.fds.entrySet())) {
                int fl = x.sys.fcntl(e.getValue(), Fcntl.F_GETFD, 0);
                if (fl >= 0 && (fl & Fcntl.FD_CLOEXEC) != 0) {
                    closed.add(e.getKey());
                    x.fds.remove(e.getKey());
                    x.dents.remove(e.getKey());
                }
            }
            if (!closed.equals(new TreeSet<>(closing))) {
                x.mismatch(op, "close-on-exec closes descriptors " + closed + ", the trace's " + new TreeSet<>(closing));
            }
            x.finish(op);
            x.sys.execve(null, s -> {
                x.sys = s;
                x.runOps();
            });
        });
    }

    /**
     * A UNIX-domain socket is followed on the host and made in the simulation only when it is bound to a name under
     * DIR (other sockets — to syslog, nscd, the network — are no file calls).
     */
    private void socket(HostProc p, Syscall c) {
        String domain = c.arg(0).trim();
        if (c.ret().ok() && Set.of("AF_UNIX", "AF_LOCAL", "PF_UNIX", "PF_LOCAL").contains(domain)) {
            HostFd f = new HostFd(null, false, has(c.arg(1), "SOCK_CLOEXEC"));
            f.socket = flags(c.arg(1), Linux.SOCK, "socket type");
            p.fds.put((int) c.ret().value(), f);
        } else if (c.ret().ok()) {
            p.fds.remove((int) c.ret().value());
        }
        pl.skip(Planner.NOT_FILE);
    }

    /** The name in a {@code struct sockaddr_un} as strace shows it, or null for another family or an abstract name. */
    private static byte[] sunPath(String addr) {
        String t = addr.trim();
        if (!t.startsWith("{")) {
            return null;
        }
        Map<String, String> a = StraceText.struct(t);
        String path = a.get("sun_path");
        if (!"AF_UNIX".equals(a.getOrDefault("sa_family", "").trim()) || path == null || path.trim().startsWith("@")) {
            return null;
        }
        return pathArg(path);
    }

    /**
     * {@code bind} of a UNIX-domain socket to a name under DIR ({@code unp_bind}): the socket is made in the
     * simulation then (with the type and close-on-exec flag it has on the host) and bound, which creates the socket
     * file; from then on the descriptor is under DIR.
     */
    private void bind(HostProc p, Syscall c) {
        long fd = num(c.arg(0));
        HostFd f = p.fds.get((int) fd);
        byte[] path = c.args().size() > 1 ? sunPath(c.arg(1)) : null;
        Loc l = path == null ? null : loc(p, Fcntl.AT_FDCWD, null, path);
        if (l == null || !l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        if (f == null || f.socket < 0) {
            throw new Unsupported("bind of a socket the trace did not show being made");
        }
        f.inside = true;
        int type = (int) (f.socket & ~Fcntl.SOCK_CLOEXEC) | (f.cloexec ? Fcntl.SOCK_CLOEXEC : 0);
        replay(p, c, (x, op) -> {
            int s = x.fd(fd);
            if (s < 0) {
                s = x.sys.socket(Fcntl.AF_UNIX, type, 0);
                if (s < 0) {
                    x.mismatch(op, "socket() got " + Executor.describe(s));
                    return;
                }
                x.bind(fd, s);
            }
            x.expect(op, x.sys.bind(s, l.path()), false);
        });
    }

    /** The model's sockets do not connect: a {@code connect} to a name under DIR is unsupported. */
    private void connect(HostProc p, Syscall c) {
        byte[] path = c.args().size() > 1 ? sunPath(c.arg(1)) : null;
        if (path != null && loc(p, Fcntl.AT_FDCWD, null, path).inside() || fdInside(p, num(c.arg(0)))) {
            throw new Unsupported("connect of a UNIX-domain socket under DIR");
        }
        pl.skip(Planner.OUTSIDE);
    }

    private void mmap(HostProc p, Syscall c) {
        long fd = num(c.arg(4));
        if (!fdInside(p, fd)) {
            pl.skip(fd < 0 ? Planner.NOT_FILE : Planner.OUTSIDE);
            return;
        }
        if (has(c.arg(3), "MAP_SHARED") && has(c.arg(2), "PROT_WRITE")) {
            throw new Unsupported("mmap MAP_SHARED|PROT_WRITE of a file");
        }
        pl.skip(Planner.ADVISORY);
    }

    /**
     * The model has no ioctl: one on a descriptor under DIR that failed on the host (a terminal request on a file,
     * a FICLONE the filesystem refused) changed nothing there and is skipped; any other is unsupported.
     */
    private void ioctl(HostProc p, Syscall c) {
        if (!fdInside(p, num(c.arg(0)))) {
            pl.skip(Planner.OUTSIDE);
        } else if (Set.of("ENOTTY", "EOPNOTSUPP", "ENOTSUP", "EXDEV", "EINVAL").contains(c.ret().errno())) {
            pl.skip(Planner.FAILED_IOCTL);
        } else {
            throw new Unsupported("ioctl " + c.arg(1).trim());
        }
    }

    /**
     * Extended attributes, which the model does not have: queries that found none on the host and the removal of a
     * default ACL the host did not have either change nothing and are skipped; setting a minimal access ACL (owner,
     * group, other — what {@code cp -a} does) is a chmod of the permission bits, as Linux's
     * {@code posix_acl_update_mode} makes it, and is replayed so; any other is unsupported.
     */
    private void xattr(HostProc p, Syscall c) {
        String n = c.name();
        boolean byFd = n.startsWith("f");
        long fd = byFd ? num(c.arg(0)) : -1;
        Loc l = byFd ? null : loc(p, Fcntl.AT_FDCWD, null, pathArg(c.arg(0)));
        if (byFd ? !fdInside(p, fd) : !l.inside()) {
            pl.skip(Planner.OUTSIDE);
            return;
        }
        String attr = n.contains("list") ? null : new String(pathArg(c.arg(1)), StandardCharsets.UTF_8);
        Ret ret = c.ret();
        if (n.contains("list") && ret.ok() && ret.value() == 0
                || n.contains("get") && Set.of("ENODATA", "ENOTSUP", "EOPNOTSUPP").contains(ret.errno())
                || n.contains("remove") && attr.equals("system.posix_acl_default")
                        && (ret.ok() || "ENODATA".equals(ret.errno()))) {
            pl.skip(Planner.NO_XATTR);
            return;
        }
        if (n.contains("set") && attr.equals("system.posix_acl_access") && ret.ok()) {
            int perms = minimalAcl(StraceText.string(c.arg(2)).bytes());
            if (perms >= 0) {
                int follow = n.startsWith("l") ? Fcntl.AT_SYMLINK_NOFOLLOW : 0;
                replay(p, c, (x, op) -> {
                    SysResult<FileStat> st = byFd ? x.sys.fstat(x.fd(fd))
                            : x.sys.fstatat(x.dirfd(l.dirfd()), l.path(), follow);
                    if (!x.expect(op, st.error(), false) || !st.ok()) {
                        return;
                    }
                    int mode = st.value().mode() & (Fcntl.S_ISUID | Fcntl.S_ISGID | Fcntl.S_ISVTX) | perms;
                    x.expect(op, byFd ? x.sys.fchmod(x.fd(fd), mode)
                            : x.sys.fchmodat(x.dirfd(l.dirfd()), l.path(), mode, follow), false);
                });
                return;
            }
        }
        throw new Unsupported(n + (attr == null ? "" : " " + attr));
    }

    /**
     * The permission bits of a minimal POSIX ACL in Linux's xattr form ({@code posix_acl_xattr_header} version 2,
     * then {@code tag, perm, id} entries of 2+2+4 bytes: exactly ACL_USER_OBJ, ACL_GROUP_OBJ, ACL_OTHER), or -1.
     */
    static int minimalAcl(byte[] v) {
        if (v.length != 4 + 3 * 8 || v[0] != 2 || v[1] != 0 || v[2] != 0 || v[3] != 0) {
            return -1;
        }
        int[] tags = {0x01, 0x04, 0x20};
        int mode = 0;
        for (int i = 0; i < 3; i++) {
            int at = 4 + i * 8;
            int tag = (v[at] & 0xff) | (v[at + 1] & 0xff) << 8;
            int perm = (v[at + 2] & 0xff) | (v[at + 3] & 0xff) << 8;
            if (tag != tags[i] || perm > 7) {
                return -1;
            }
            mode = mode << 3 | perm;
        }
        return mode;
    }

    /** A call the replay does not make: unsupported when its descriptor or path is under DIR, else skipped. */
    private void other(HostProc p, Syscall c) {
        if (NOT_FILE.contains(c.name()) || c.args().isEmpty()) {
            pl.skip(Planner.NOT_FILE);
            return;
        }
        String first = c.arg(0).trim();
        boolean inside = false;
        if (StraceText.isNumber(first) || first.startsWith("AT_FDCWD")) {
            long fd = fdArg(first);
            inside = fd != Fcntl.AT_FDCWD && fdInside(p, fd);
            if (!inside && c.args().size() > 1 && StraceText.isString(c.arg(1))) {
                inside = loc(p, fd, first, pathArg(c.arg(1))).inside();
            }
        } else if (StraceText.isString(first)) {
            inside = loc(p, Fcntl.AT_FDCWD, null, pathArg(first)).inside();
        }
        if (inside) {
            throw new Unsupported(c.name());
        }
        pl.skip(Planner.OUTSIDE);
    }
}
