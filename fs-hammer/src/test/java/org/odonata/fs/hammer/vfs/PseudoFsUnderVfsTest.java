package org.odonata.fs.hammer.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.api.vfs.Fcntl.AT_FDCWD;
import static org.odonata.api.vfs.Fcntl.O_CREAT;
import static org.odonata.api.vfs.Fcntl.O_RDONLY;
import static org.odonata.api.vfs.Fcntl.O_WRONLY;
import static org.odonata.api.vfs.VfsSyscalls.path;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.SysResult;

/**
 * PFSs through the system calls: HAMMER's PFS ioctls on an open directory, the {@code @@PFS%05d} softlink that
 * hammer_vop_readlink shows as {@code @@-1:%05d} or {@code @@0x<sync_end_tid>:%05d}, and hammer_vop_nresolve diving
 * through it into the PFS, read-only for a slave.
 */
class PseudoFsUnderVfsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int write(Syscalls sys, String p, String data) {
        int fd = sys.open(p, O_CREAT | O_WRONLY, 0644);
        if (fd < 0) {
            return fd;
        }
        int n = sys.write(fd, bytes(data), 0, data.length());
        sys.close(fd);
        return n;
    }

    private static String read(Syscalls sys, String p) {
        int fd = sys.open(p, O_RDONLY, 0);
        assertTrue(fd >= 0, p + ": " + Errno.ofResult(fd));
        byte[] buf = new byte[4096];
        int n = sys.read(fd, buf, 0, buf.length);
        sys.close(fd);
        return new String(buf, 0, Math.max(n, 0), StandardCharsets.UTF_8);
    }

    private static String readlink(Syscalls sys, String p) {
        byte[] buf = new byte[64];
        int n = sys.readlinkat(AT_FDCWD, path(p), buf);
        assertTrue(n >= 0, p + ": " + Errno.ofResult(n));
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static Map<String, String> ioctl(Syscalls sys, int fd, String request, Map<String, String> args) {
        SysResult<Map<String, String>> r = sys.ioctl(fd, request, args);
        assertTrue(r.ok(), request + ": " + r.errno());
        return r.value();
    }

    @Test
    void aPfsIsReachedThroughItsSoftlinkAndASlaveIsReadOnlyAsOfSyncEndTid() {
        Kernel k = KernelHammer.boot(5);
        List<String> log = new ArrayList<>();
        KernelHammer.run(k, 3_000, sys -> {
            assertEquals(0, sys.mkdir("/pfs", 0755));
            int fd = sys.open("/pfs", O_RDONLY, 0);
            assertEquals("0", ioctl(sys, fd, "HAMMERIOC_GET_PSEUDOFS", Map.of("pfs_id", "-1")).get("pfs_id"));
            assertEquals(Errno.ENOENT, sys.ioctl(fd, "HAMMERIOC_GET_PSEUDOFS", Map.of("pfs_id", "1")).errno());
            assertEquals(Errno.EINVAL, sys.ioctl(fd, "HAMMERIOC_GET_PSEUDOFS", Map.of("pfs_id", "65536")).errno());
            assertEquals(Errno.ENOTTY, sys.ioctl(fd, "FIONREAD", Map.of()).errno());
            assertEquals("master", ioctl(sys, fd, "HAMMERIOC_SET_PSEUDOFS", Map.of("pfs_id", "1", "mode", "master"))
                    .get("mode"));
            assertEquals(0, sys.symlinkat(path("@@PFS00001"), AT_FDCWD, path("/pfs/a")));
            log.add(readlink(sys, "/pfs/a"));
            assertEquals(5, write(sys, "/pfs/a/f", "in a1"));
            assertEquals(5, write(sys, "/pfs/f", "in p0"));
            log.add(read(sys, "/pfs/a/f") + " " + read(sys, "/pfs/f") + " " + read(sys, "/pfs/@@-1:00001/f"));

            assertEquals(0, sys.sync());
            ioctl(sys, fd, "HAMMERIOC_DGD_PSEUDOFS", Map.of("pfs_id", "1"));
            String link = readlink(sys, "/pfs/a");
            log.add(link.matches("@@0x[0-9a-f]{16}:00001") ? "slave link" : link);
            log.add(read(sys, "/pfs/a/f"));
            assertEquals(Errno.EROFS.negated(), write(sys, "/pfs/a/f", "changed"));
            assertEquals(Errno.EROFS.negated(), write(sys, "/pfs/a/new", "x"));
            assertEquals(Errno.EROFS.negated(), sys.unlinkat(AT_FDCWD, path("/pfs/a/f"), 0));

            ioctl(sys, fd, "HAMMERIOC_UPG_PSEUDOFS", Map.of("pfs_id", "1"));
            log.add(readlink(sys, "/pfs/a"));
            assertEquals(7, write(sys, "/pfs/a/g", "writable".substring(0, 7)));
            Map<String, String> gone = ioctl(sys, fd, "HAMMERIOC_RMR_PSEUDOFS", Map.of("pfs_id", "1"));
            assertTrue(Integer.parseInt(gone.get("records_removed")) > 0);
            assertEquals(Errno.ENOENT.negated(), sys.open("/pfs/a/f", O_RDONLY, 0));
            assertEquals(Errno.EINVAL, sys.ioctl(fd, "HAMMERIOC_RMR_PSEUDOFS", Map.of("pfs_id", "0")).errno());
            sys.close(fd);
        });
        assertEquals(List.of("@@-1:00001", "in a1 in p0 in a1", "slave link", "in a1", "@@-1:00001"), log);
    }
}
