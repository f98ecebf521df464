package org.odonata.vfs.bio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The syncer ({@code syncer_thread}, {@code sys/kern/vfs_sync.c}): a kernel thread that wakes once a second, writes
 * the delayed buffers of every device that have been dirty for {@link #METADELAY_NANOS} (DragonFly's
 * {@code metadelay}: device buffers hold metadata), and calls {@code VFS_SYNC(MNT_LAZY)} on each mount every
 * {@link #SYNCDELAY_NANOS} ({@code syncdelay}, the period of the mount's syncer vnode on the worklist).
 * Simplification: no per-vnode worklist; file data lives in the filesystems, which flush it at their lazy sync, after
 * the dirty pages of the mount's mapped files were handed to them ({@code vfs_msync}).
 */
public final class Syncer {

    static final long SECOND = 1_000_000_000L;
    /** {@code syncdelay}: 30 s. */
    public static final long SYNCDELAY_NANOS = 30 * SECOND;
    /** {@code metadelay}: 28 s. */
    public static final long METADELAY_NANOS = 28 * SECOND;

    private final BufQueues q;
    /** Mounts' lazy syncs, with when each is next due. */
    private final Map<Object, Runnable> mounts = new LinkedHashMap<>();
    private final Map<Object, Long> due = new LinkedHashMap<>();
    long passes;
    long lazySyncs;

    Syncer(BufQueues q) {
        this.q = q;
    }

    /** {@code vfs_allocate_syncvnode}: {@code lazySync} runs every {@code syncdelay} from now on. */
    public void add(Object mount, Runnable lazySync) {
        mounts.put(mount, lazySync);
        due.put(mount, q.kernel.now() + SYNCDELAY_NANOS);
    }

    /** {@code vfs_deallocate_syncvnode}. */
    public void remove(Object mount) {
        mounts.remove(mount);
        due.remove(mount);
    }

    void run() {
        long ident = q.kernel.kthreads().newIdent();
        while (true) {
            q.kernel.kthreads().tsleep(ident, "syncer", SECOND);
            passes++;
            long now = q.kernel.now();
            for (DeviceBufs d : q.devices()) {
                d.writeDirty(now - METADELAY_NANOS);
            }
            for (Map.Entry<Object, Runnable> m : new LinkedHashMap<>(mounts).entrySet()) {
                Long when = due.get(m.getKey());
                if (when != null && when <= now) {
                    due.put(m.getKey(), now + SYNCDELAY_NANOS);
                    lazySyncs++;
                    m.getValue().run();
                }
            }
        }
    }
}
