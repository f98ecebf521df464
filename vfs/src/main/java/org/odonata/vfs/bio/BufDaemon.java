package org.odonata.vfs.bio;

import org.odonata.api.kthread.KernelThreads;

/**
 * The buffer daemon ({@code buf_daemon}, {@code sys/kern/vfs_bio.c}): a kernel thread woken by {@code bdwrite} once
 * dirty space passes {@code hidirtybufspace}; it writes the oldest delayed buffers, device by device, until dirty
 * space is below {@code lodirtybufspace}. Simplification: DragonFly's daemon also polls once a second.
 */
final class BufDaemon {

    private final BufQueues q;
    private final KernelThreads kt;
    private final long ident;
    private boolean requested;
    long runs;

    BufDaemon(BufQueues q) {
        this.q = q;
        this.kt = q.kernel.kthreads();
        this.ident = kt.newIdent();
    }

    /** {@code bd_wakeup}. */
    void wakeup() {
        if (!requested) {
            requested = true;
            if (q.host.onCpu()) {
                kt.wakeup(ident);
            }
        }
    }

    void run() {
        while (true) {
            while (!requested) {
                kt.tsleep(ident, "psleep", 0);
            }
            requested = false;
            runs++;
            while (q.dirtybufspace > q.lodirtybufspace) {
                DeviceBufs oldest = null;
                for (DeviceBufs d : q.devices()) {
                    long t = d.oldestDirty();
                    if (t >= 0 && (oldest == null || t < oldest.oldestDirty())) {
                        oldest = d;
                    }
                }
                if (oldest == null) {
                    break;
                }
                oldest.writeDirty(oldest.oldestDirty());
            }
        }
    }
}
