package org.odonata.fs.hammer.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.api.vfs.Fcntl.O_CREAT;
import static org.odonata.api.vfs.Fcntl.O_RDONLY;
import static org.odonata.api.vfs.Fcntl.O_WRONLY;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.SysResult;

/**
 * HAMMERIOC_WAI_PSEUDOFS (hammer_pfs.c's hammer_ioc_wait_pseudofs), what mirror-stream's reader sleeps in between
 * batches: on a master it sleeps until a flush moves flush_tid1 past the TID given (hammer_flusher_finalize's
 * wakeup), on a slave until its sync_end_tid is set (hammer_ioc_set_pseudofs's wakeup), and not at all when the PFS is
 * already past it.
 */
class WaitPseudofsTest {

    private static final String WAIT = "HAMMERIOC_WAI_PSEUDOFS";

    private static Map<String, String> ioctl(Syscalls sys, int fd, String request, Map<String, String> args) {
        SysResult<Map<String, String>> r = sys.ioctl(fd, request, args);
        assertTrue(r.ok(), request + ": " + r.errno());
        return r.value();
    }

    private static long tid(String hex) {
        return Long.parseUnsignedLong(hex.substring(2), 16);
    }

    /** Makes PFS #1 a master with a root, and an open fd on /pfs. */
    private static int master(Syscalls sys) {
        assertEquals(0, sys.mkdir("/pfs", 0755));
        int fd = sys.open("/pfs", O_RDONLY, 0);
        ioctl(sys, fd, "HAMMERIOC_SET_PSEUDOFS", Map.of("pfs_id", "1", "mode", "master"));
        assertEquals(0, sys.sync());
        return fd;
    }

    @Test
    void aMasterWaiterWakesWhenTheNextFlushCommitsNotBefore() {
        Kernel k = KernelHammer.boot(7);
        long[] t = new long[6];
        KernelHammer.run(k, 3_000, sys -> {
            int fd = master(sys);
            String tid1 = ioctl(sys, fd, "HAMMERIOC_GET_PSEUDOFS", Map.of("pfs_id", "1")).get("sync_end_tid");
            // already past: no sleep
            t[0] = sys.now();
            ioctl(sys, fd, WAIT, Map.of("pfs_id", "1", "sync_end_tid", "0x0000000000000001"));
            t[1] = sys.now();
            sys.fork(w -> {
                w.nanosleep(50 * KernelHammer.MS);
                int f = w.open("/pfs/x", O_CREAT | O_WRONLY, 0644);
                w.write(f, new byte[100], 0, 100);
                w.close(f);
                t[2] = w.now();
                assertEquals(0, w.sync());
                t[3] = w.now();
            });
            Map<String, String> after = ioctl(sys, fd, WAIT, Map.of("pfs_id", "1", "sync_end_tid", tid1));
            t[4] = sys.now();
            t[5] = Long.compareUnsigned(tid(after.get("sync_end_tid")), tid(tid1)) > 0 ? 1 : 0;
            sys.close(fd);
        });
        assertTrue(t[1] - t[0] < KernelHammer.MS, "a PFS already past the TID answers at once: " + (t[1] - t[0]));
        assertTrue(t[4] > t[2], "woke at " + t[4] + " before the write at " + t[2]);
        assertTrue(t[4] <= t[3] + KernelHammer.MS, "woke at " + t[4] + ", the flush was done at " + t[3]);
        assertEquals(1, t[5], "the answer carries the new flush_tid1");
    }

    @Test
    void aSlaveWaiterWakesWhenItsSyncEndTidIsSetAndATimeoutEndsAWaitWithNoFlush() {
        Kernel k = KernelHammer.boot(8);
        long[] t = new long[5];
        KernelHammer.run(k, 3_000, sys -> {
            int fd = master(sys);
            ioctl(sys, fd, "HAMMERIOC_SET_PSEUDOFS", Map.of("pfs_id", "2", "mode", "slave"));
            String end = ioctl(sys, fd, "HAMMERIOC_GET_PSEUDOFS", Map.of("pfs_id", "2")).get("sync_end_tid");
            t[0] = sys.now();
            Map<String, String> same = ioctl(sys, fd, WAIT, Map.of("pfs_id", "2", "sync_end_tid", end,
                    "timeout", Long.toString(20 * KernelHammer.MS)));
            t[1] = sys.now() - t[0];
            assertEquals(end, same.get("sync_end_tid"));
            sys.fork(w -> {
                w.nanosleep(30 * KernelHammer.MS);
                int f = w.open("/pfs", O_RDONLY, 0);
                t[2] = w.now();
                ioctl(w, f, "HAMMERIOC_SET_PSEUDOFS", Map.of("pfs_id", "2", "sync_end_tid", "0x00000001ffffffff"));
                w.close(f);
            });
            Map<String, String> set = ioctl(sys, fd, WAIT, Map.of("pfs_id", "2", "sync_end_tid", end));
            t[3] = sys.now();
            assertEquals("0x00000001ffffffff", set.get("sync_end_tid"));
            assertEquals(Errno.EINVAL, sys.ioctl(fd, WAIT, Map.of("pfs_id", "2")).errno());
            assertEquals(Errno.EINVAL, sys.ioctl(fd, WAIT, Map.of("pfs_id", "2", "sync_end_tid", end, "timeout",
                    "-1")).errno());
            sys.close(fd);
        });
        assertTrue(t[1] >= 20 * KernelHammer.MS && t[1] < 21 * KernelHammer.MS, "timed out after " + t[1]);
        assertTrue(t[3] >= t[2] && t[3] < t[2] + KernelHammer.MS, "woke at " + t[3] + ", set at " + t[2]);
    }
}
