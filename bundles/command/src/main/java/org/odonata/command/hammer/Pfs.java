package org.odonata.command.hammer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;

/**
 * A PFS opened the way sbin/hammer/cmd_pseudofs.c's {@code getpfs} opens it: its id, the descriptor the PFS ioctls
 * go to (the caller closes it) and the fields HAMMERIOC_GET_PSEUDOFS answered; with the other helpers of
 * cmd_pseudofs.c the {@code hammer:} commands and the mirror programs share, each run inside a simulated process.
 * Failures are {@link IllegalArgumentException}s whose message starts with {@code what}, the command line.
 */
public record Pfs(int id, int fd, Map<String, String> fields) {

    private static final Pattern PFS_LINK = Pattern.compile("@@(?:PFS|-1:|0x[0-9a-fA-F]{16}:)([0-9]{5})");

    /**
     * getpfs (cmd_pseudofs.c): a softlink {@code @@PFS%05d} or {@code @@<tid>:%05d} names its PFS and the ioctls go to
     * its directory; anything else is opened and asked which PFS it is in.
     */
    public static Pfs get(Syscalls sys, String path, String what) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        SysResult<FileStat> st = sys.fstatat(Fcntl.AT_FDCWD, bytes(trimmed), Fcntl.AT_SYMLINK_NOFOLLOW);
        if (!st.ok()) {
            throw new IllegalArgumentException(what + ": " + st.errno());
        }
        String pfs = "-1";
        String target = trimmed;
        if (st.value().isSymlink()) {
            byte[] buf = new byte[Fcntl.PATH_MAX];
            int n = sys.readlinkat(Fcntl.AT_FDCWD, bytes(trimmed), buf);
            Matcher m = PFS_LINK.matcher(n < 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8));
            if (m.matches()) {
                pfs = Integer.toString(Integer.parseInt(m.group(1)));
                target = dirOf(trimmed);
            }
        }
        int fd = open(sys, what, target);
        try {
            Map<String, String> fields = ioctl(sys, fd, what, "HAMMERIOC_GET_PSEUDOFS", pfs);
            return new Pfs(Integer.parseInt(fields.get("pfs_id")), fd, fields);
        } catch (RuntimeException e) {
            sys.close(fd);
            throw e;
        }
    }

    /** The fields of the PFS at {@code path}, the descriptor closed again. */
    public static Map<String, String> status(Syscalls sys, String path, String what) {
        Pfs p = get(sys, path, what);
        sys.close(p.fd());
        return p.fields();
    }

    /**
     * The body of pfs-master and pfs-slave (also mirror-copy's, for a missing slave): a free PFS id,
     * HAMMERIOC_SET_PSEUDOFS, then the {@code @@PFS%05d} softlink. Returns the command's report.
     */
    public static String make(Syscalls sys, String path, boolean slave, String sharedUuid, String what) {
        if (sys.fstatat(Fcntl.AT_FDCWD, bytes(path), Fcntl.AT_SYMLINK_NOFOLLOW).ok()) {
            throw new IllegalArgumentException(what + ": cannot create " + path + ", file exists");
        }
        int fd = open(sys, what, dirOf(path));
        try {
            if (Integer.parseInt(ioctl(sys, fd, what, "HAMMERIOC_GET_PSEUDOFS", "-1").get("pfs_id")) != 0) {
                throw new IllegalArgumentException(what + ": " + dirOf(path) + " is inside a PFS; PFS softlinks"
                        + " may only be made in the main filesystem (PFS #0)");
            }
            int pfs = freePfs(sys, fd, what);
            Map<String, String> req = new LinkedHashMap<>();
            req.put("pfs_id", Integer.toString(pfs));
            req.put("mode", slave ? "slave" : "master");
            if (sharedUuid != null) {
                req.put("shared_uuid", sharedUuid);
            }
            SysResult<Map<String, String>> r = sys.ioctl(fd, "HAMMERIOC_SET_PSEUDOFS", req);
            if (!r.ok()) {
                throw new IllegalArgumentException(what + ": creating PFS #" + pfs + " failed: " + r.errno());
            }
            int s = sys.symlinkat(bytes(String.format("@@PFS%05d", pfs)), Fcntl.AT_FDCWD, bytes(path));
            if (s < 0) {
                throw new IllegalArgumentException(what + ": PFS #" + pfs + " made, but not its softlink: "
                        + Errno.ofResult(s));
            }
            return "Creating PFS #" + pfs + " succeeded!\n" + dump(path, r.value());
        } finally {
            sys.close(fd);
        }
    }

    /** The first id without a PFS (GET answers ENOENT), as hammer_cmd_pseudofs_create scans. */
    private static int freePfs(Syscalls sys, int fd, String what) {
        for (int id = 1; id < 65536; id++) {
            SysResult<Map<String, String>> r = sys.ioctl(fd, "HAMMERIOC_GET_PSEUDOFS", Map.of("pfs_id",
                    Integer.toString(id)));
            if (!r.ok()) {
                if (r.errno() == Errno.ENOENT) {
                    return id;
                }
                throw new IllegalArgumentException(what + ": got " + r.errno() + " scanning for a free PFS id");
            }
        }
        throw new IllegalArgumentException(what + ": all 65536 PFS ids are in use");
    }

    public static int open(Syscalls sys, String what, String path) {
        int fd = sys.openat(Fcntl.AT_FDCWD, bytes(path), Fcntl.O_RDONLY, 0);
        if (fd < 0) {
            throw new IllegalArgumentException(what + ": cannot open " + path + ": " + Errno.ofResult(fd));
        }
        return fd;
    }

    /** A PFS ioctl naming only {@code pfs_id}; its answer, or a failure naming the errno's meaning here. */
    public static Map<String, String> ioctl(Syscalls sys, int fd, String what, String request, String pfs) {
        SysResult<Map<String, String>> r = sys.ioctl(fd, request, Map.of("pfs_id", pfs));
        if (r.ok()) {
            return r.value();
        }
        throw new IllegalArgumentException(what + ": " + switch (r.errno()) {
            case ENOTTY -> "not on a HAMMER filesystem (ENOTTY)";
            case ENOENT -> "no PFS #" + pfs + " (ENOENT)";
            case EINVAL -> "PFS id " + pfs + " is out of range 0..65535 or not allowed here (EINVAL)";
            default -> r.errno().toString();
        });
    }

    /** dump_pfsd's lines. */
    public static String dump(String path, Map<String, String> f) {
        return path + "\tPFS #" + f.get("pfs_id") + " {\n"
                + "    sync-beg-tid=" + f.get("sync_beg_tid") + "\n"
                + "    sync-end-tid=" + f.get("sync_end_tid") + "\n"
                + "    shared-uuid=" + f.get("shared_uuid") + "\n"
                + "    unique-uuid=" + f.get("unique_uuid") + "\n"
                + "    label=\"" + f.get("label") + "\"\n"
                + "    operating as a " + f.get("mode").toUpperCase() + "\n}";
    }

    /** getdir: the directory holding {@code path} ({@code .} for a bare name). */
    public static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
    }

    public static byte[] bytes(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }
}
