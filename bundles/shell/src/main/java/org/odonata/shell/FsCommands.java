package org.odonata.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vfs.SysResult;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code fs:} commands: the booted kernel's filesystems seen through its system calls. Each command runs as a
 * process on the kernel (uid 0, cwd {@code /}), so it takes the locks and virtual time a real {@code ls} or
 * {@code cat} would; a failing call is reported with its path and errno.
 */
@Component(service = FsCommands.class, immediate = true, property = {
    "osgi.command.scope=fs",
    "osgi.command.function=mount",
    "osgi.command.function=umount",
    "osgi.command.function=df",
    "osgi.command.function=ls",
    "osgi.command.function=cat",
    "osgi.command.function=stat",
    "osgi.command.function=write",
    "osgi.command.function=mkdir"})
public final class FsCommands {

    private static final String NONE = "\u0000";
    private static final int CHUNK = 64 * 1024;
    private static final long WRITE_LIMIT = 1L << 30;

    @Reference
    private Kernels kernels;

    @Descriptor("mount a filesystem: fs:mount TYPE DEVICE|none PATH (types: tmpfs; hammer on a disk, see hw:info)")
    public String mount(
            @Descriptor("filesystem options, e.g. size=64m (tmpfs), newfs (hammer: make one on a blank disk first)")
            @Parameter(names = "--options", absentValue = NONE)
            String options,
            @Descriptor("mount read-only") @Parameter(names = "--ro", presentValue = "true", absentValue = "false")
            boolean readOnly,
            @Descriptor("filesystem type") String type,
            @Descriptor("disk name, or none") String device,
            @Descriptor("directory to mount on") String path) {
        BootedKernel k = kernels.current();
        String dev = device.equals("none") ? null : device;
        String data = options.equals(NONE) ? null : options;
        int r = ShellProcess.run(k, "mount", sys -> sys.mount(type, dev, bytes(path), readOnly ? Fcntl.MNT_RDONLY : 0,
                data));
        check("fs:mount " + type + " " + device + " " + path, r);
        return "mounted " + type + " from " + device + " on " + path;
    }

    @Descriptor("unmount the filesystem mounted on PATH")
    public String umount(
            @Descriptor("even if files are open") @Parameter(names = "--force", presentValue = "true",
                    absentValue = "false") boolean force,
            @Descriptor("mount point") String path) {
        BootedKernel k = kernels.current();
        int r = ShellProcess.run(k, "umount", sys -> sys.unmount(bytes(path), force ? Fcntl.MNT_FORCE : 0));
        check("fs:umount " + path, r);
        return "unmounted " + path;
    }

    @Descriptor("the mounted filesystems: type, device, size, used, free, inodes, mount point")
    public String df() {
        BootedKernel k = kernels.current();
        List<FsStat> mounts = k.call(() -> k.kernel().mounts());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-8s %-10s %12s %12s %12s %10s %s%n",
                "TYPE", "DEVICE", "SIZE", "USED", "FREE", "IFREE", "MOUNTED ON"));
        for (FsStat s : mounts) {
            long size = s.blocks() * s.blockSize();
            long free = s.blocksFree() * s.blockSize();
            out.append(String.format(Locale.ROOT, "%-8s %-10s %12d %12d %12d %10d %s%s%n", s.type(), s.mountedFrom(),
                    size, size - free, free, s.filesFree(), s.mountedOn(),
                    (s.flags() & Fcntl.MNT_RDONLY) != 0 ? " (read-only)" : ""));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("list a directory (with -l: mode, links, owner, group, size)")
    public String ls(
            @Descriptor("long listing") @Parameter(names = "-l", presentValue = "true", absentValue = "false")
            boolean longFormat,
            @Descriptor("directory or file") String path) {
        BootedKernel k = kernels.current();
        return ShellProcess.run(k, "ls", sys -> {
            SysResult<FileStat> self = sys.fstatat(Fcntl.AT_FDCWD, bytes(path), Fcntl.AT_SYMLINK_NOFOLLOW);
            check("fs:ls " + path, self.error());
            List<String> names = new ArrayList<>();
            if (self.value().isDirectory()) {
                int fd = sys.openat(Fcntl.AT_FDCWD, bytes(path), Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
                check("fs:ls " + path, fd);
                while (true) {
                    SysResult<List<DirEntry>> r = sys.getdents(fd, 32768);
                    check("fs:ls " + path, r.error());
                    if (r.value().isEmpty()) {
                        break;
                    }
                    for (DirEntry e : r.value()) {
                        String n = e.nameString();
                        if (!n.equals(".") && !n.equals("..")) {
                            names.add(n);
                        }
                    }
                }
                sys.close(fd);
                names.sort(null);
            } else {
                names.add(path);
            }
            StringBuilder out = new StringBuilder();
            for (String n : names) {
                if (!longFormat) {
                    out.append(n).append('\n');
                    continue;
                }
                String full = self.value().isDirectory() ? (path.endsWith("/") ? path : path + "/") + n : n;
                SysResult<FileStat> st = sys.fstatat(Fcntl.AT_FDCWD, bytes(full), Fcntl.AT_SYMLINK_NOFOLLOW);
                if (!st.ok()) {
                    out.append(n).append(": ").append(st.errno()).append('\n');
                    continue;
                }
                FileStat s = st.value();
                out.append(String.format(Locale.ROOT, "%s %3d %5d %5d %10d %s", modeString(s.mode()), s.nlink(),
                        s.uid(), s.gid(), s.size(), n));
                if (s.isSymlink()) {
                    byte[] buf = new byte[Fcntl.PATH_MAX];
                    int len = sys.readlinkat(Fcntl.AT_FDCWD, bytes(full), buf);
                    if (len >= 0) {
                        out.append(" -> ").append(new String(buf, 0, len, StandardCharsets.UTF_8));
                    }
                }
                out.append('\n');
            }
            return out.toString().stripTrailing();
        });
    }

    @Descriptor("print a file's contents (as UTF-8)")
    public String cat(@Descriptor("file") String path) {
        BootedKernel k = kernels.current();
        byte[] data = ShellProcess.run(k, "cat", sys -> {
            int fd = sys.openat(Fcntl.AT_FDCWD, bytes(path), Fcntl.O_RDONLY, 0);
            check("fs:cat " + path, fd);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = sys.read(fd, buf, 0, buf.length)) > 0) {
                out.write(buf, 0, n);
            }
            sys.close(fd);
            check("fs:cat " + path, n);
            return out.toByteArray();
        });
        return new String(data, StandardCharsets.UTF_8);
    }

    @Descriptor("a file's attributes (the link itself for a symbolic link)")
    public String stat(@Descriptor("path") String path) {
        BootedKernel k = kernels.current();
        FileStat s = ShellProcess.run(k, "stat", sys -> {
            SysResult<FileStat> r = sys.fstatat(Fcntl.AT_FDCWD, bytes(path), Fcntl.AT_SYMLINK_NOFOLLOW);
            check("fs:stat " + path, r.error());
            return r.value();
        });
        return String.format(Locale.ROOT, "  File: %s%n  Type: %s  Mode: %04o (%s)%n  Size: %d  Blocks: %d  "
                + "IO block: %d%n Inode: %d  Device: %d  Links: %d%n   Uid: %d  Gid: %d%nAccess: %s%nModify: %s%n"
                + "Change: %s", path, typeName(s.type()), s.mode() & 07777, modeString(s.mode()), s.size(),
                s.blocks(), s.blksize(), s.ino(), s.dev(), s.nlink(), s.uid(), s.gid(), time(s.atime()),
                time(s.mtime()), time(s.ctime()));
    }

    @Descriptor("write a host file's bytes into a file of the simulated filesystem (created or truncated)")
    public String write(
            @Descriptor("host file to read") @Parameter(names = "--from", absentValue = NONE) String from,
            @Descriptor("file to write") String path) throws IOException {
        if (from.equals(NONE)) {
            throw new IllegalArgumentException("fs:write needs --from HOSTFILE");
        }
        Path host = Path.of(from);
        if (!Files.isRegularFile(host)) {
            throw new IllegalArgumentException("fs:write: no host file " + host.toAbsolutePath());
        }
        if (Files.size(host) > WRITE_LIMIT) {
            // held in memory on its way in, as hammer:write holds it
            throw new IllegalArgumentException("fs:write: " + host + " has " + Files.size(host) + " bytes; fs:write "
                    + "copies at most " + WRITE_LIMIT + " (1G)");
        }
        byte[] data = Files.readAllBytes(host);
        BootedKernel k = kernels.current();
        long start = k.call(() -> k.kernel().now());
        long end = ShellProcess.run(k, "write", sys -> {
            int fd = sys.openat(Fcntl.AT_FDCWD, bytes(path), Fcntl.O_CREAT | Fcntl.O_WRONLY | Fcntl.O_TRUNC, 0644);
            check("fs:write " + path, fd);
            for (int off = 0; off < data.length;) {
                int n = sys.write(fd, data, off, Math.min(CHUNK, data.length - off));
                check("fs:write " + path + " (after " + off + " bytes)", n);
                off += n;
            }
            check("fs:write " + path, sys.close(fd));
            return sys.now();
        });
        return "wrote " + data.length + " bytes to " + path + " in " + VirtualDuration.format(end - start)
                + " of virtual time";
    }

    @Descriptor("make a directory (mode 0755)")
    public String mkdir(@Descriptor("directory to make") String path) {
        BootedKernel k = kernels.current();
        int r = ShellProcess.run(k, "mkdir", sys -> sys.mkdirat(Fcntl.AT_FDCWD, bytes(path), 0755));
        check("fs:mkdir " + path, r);
        return "made " + path;
    }

    private static byte[] bytes(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    /** Turns a failed system call into the command's error, naming what failed and why. */
    private static void check(String what, long result) {
        if (result < 0) {
            throw new IllegalArgumentException(what + ": " + Errno.ofResult(result));
        }
    }

    private static String time(long nanos) {
        return java.time.Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L).toString();
    }

    private static String typeName(int type) {
        return switch (type) {
            case Fcntl.S_IFDIR -> "directory";
            case Fcntl.S_IFREG -> "regular file";
            case Fcntl.S_IFLNK -> "symbolic link";
            case Fcntl.S_IFIFO -> "fifo";
            case Fcntl.S_IFCHR -> "character special";
            case Fcntl.S_IFBLK -> "block special";
            case Fcntl.S_IFSOCK -> "socket";
            default -> "unknown";
        };
    }

    /** {@code ls -l}'s mode column: type letter and rwx triplets with set-id and sticky bits. */
    static String modeString(int mode) {
        char type = switch (mode & Fcntl.S_IFMT) {
            case Fcntl.S_IFDIR -> 'd';
            case Fcntl.S_IFLNK -> 'l';
            case Fcntl.S_IFIFO -> 'p';
            case Fcntl.S_IFCHR -> 'c';
            case Fcntl.S_IFBLK -> 'b';
            case Fcntl.S_IFSOCK -> 's';
            default -> '-';
        };
        StringBuilder sb = new StringBuilder().append(type);
        String rwx = "rwx";
        for (int shift = 6; shift >= 0; shift -= 3) {
            for (int b = 0; b < 3; b++) {
                sb.append((mode & (4 >> b) << shift) != 0 ? rwx.charAt(b) : '-');
            }
        }
        if ((mode & Fcntl.S_ISUID) != 0) {
            sb.setCharAt(3, sb.charAt(3) == 'x' ? 's' : 'S');
        }
        if ((mode & Fcntl.S_ISGID) != 0) {
            sb.setCharAt(6, sb.charAt(6) == 'x' ? 's' : 'S');
        }
        if ((mode & Fcntl.S_ISVTX) != 0) {
            sb.setCharAt(9, sb.charAt(9) == 'x' ? 't' : 'T');
        }
        return sb.toString();
    }
}
