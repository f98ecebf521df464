package org.odonata.replay.mtree;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.api.vfs.VfsSyscalls;

/**
 * A simulated process's view of a tree, through its system calls ({@code fstatat}, {@code getdents},
 * {@code readlinkat}, {@code read}): reading it takes the locks and virtual time a real mtree would.
 */
public final class SimTree implements FileTree {

    private static final int DIRBUF = 32768;
    private static final int CHUNK = 65536;

    private final VfsSyscalls sys;

    public SimTree(VfsSyscalls sys) {
        this.sys = sys;
    }

    @Override
    public Node lstat(byte[] path) {
        SysResult<FileStat> r = sys.fstatat(Fcntl.AT_FDCWD, path, Fcntl.AT_SYMLINK_NOFOLLOW);
        if (r.errno() == Errno.ENOENT) {
            return null;
        }
        FileStat s = check(path, r).value();
        return new Node(s.type(), s.mode() & Fcntl.ALLPERMS, s.nlink(), s.uid(), s.gid(), s.size());
    }

    @Override
    public List<byte[]> list(byte[] dir) {
        int fd = check(dir, sys.openat(Fcntl.AT_FDCWD, dir, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0));
        List<byte[]> names = new ArrayList<>();
        try {
            while (true) {
                List<DirEntry> batch = check(dir, sys.getdents(fd, DIRBUF)).value();
                if (batch.isEmpty()) {
                    return names;
                }
                for (DirEntry e : batch) {
                    String n = e.nameString();
                    if (!n.equals(".") && !n.equals("..")) {
                        names.add(e.name());
                    }
                }
            }
        } finally {
            sys.close(fd);
        }
    }

    @Override
    public byte[] readlink(byte[] path) {
        byte[] buf = new byte[Fcntl.PATH_MAX];
        int n = check(path, sys.readlinkat(Fcntl.AT_FDCWD, path, buf));
        return java.util.Arrays.copyOf(buf, n);
    }

    @Override
    public byte[] sha256(byte[] path) {
        int fd = check(path, sys.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_NOFOLLOW, 0));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = check(path, sys.read(fd, buf, 0, buf.length))) > 0) {
                md.update(buf, 0, n);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        } finally {
            sys.close(fd);
        }
    }

    private static int check(byte[] path, int result) {
        if (result < 0) {
            throw new IllegalStateException(new String(path, StandardCharsets.UTF_8) + ": " + Errno.ofResult(result));
        }
        return result;
    }

    private static <T> SysResult<T> check(byte[] path, SysResult<T> r) {
        if (!r.ok()) {
            throw new IllegalStateException(new String(path, StandardCharsets.UTF_8) + ": " + r.errno());
        }
        return r;
    }
}
