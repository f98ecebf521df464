package org.odonata.kern;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.odonata.api.bio.BlockIo;
import org.odonata.api.engine.SimThread;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.machine.Machine;
import org.odonata.api.sync.Sleeper;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.vfs.VfsHost;

/**
 * What the kernel core offers its VFS and filesystems ({@link VfsHost}): the calling thread's CPU and id, cycles
 * charged to it, LWKT tokens ({@link Tokens}), the kernel's threads and sleep queues ({@link Kthreads}), its block
 * I/O path ({@link BioLayer}), and the virtual
 * wall clock — {@link #BOOT_EPOCH_NANOS} plus virtual time, so inode times and transaction ids never depend on the
 * host clock. Object idents ({@link Sleeper}, for lockmgr locks) get a kernel ident while someone sleeps on them.
 */
final class KernelVfsHost implements VfsHost {

    /** The virtual wall clock at boot: 2020-07-01T00:00:00Z, the date of the DragonFly source modelled. */
    static final long BOOT_EPOCH_NANOS = 1_593_561_600L * 1_000_000_000L;

    private final SimKernel k;
    /**
     * The last simulated thread asked about and its kernel thread: the VFS asks for curthread many times per call,
     * always from the same thread, so this skips the kernel's map (an exited thread's entry is never asked again).
     */
    private SimThread lastSim;
    private Td lastTd;
    private final Map<Object, long[]> objectIdents = new IdentityHashMap<>();
    private final SyncHost syncHost;
    private final Sleeper sleeper = new Sleeper() {
        @Override
        public void tsleep(Object ident, String wmesg) {
            long[] slot = objectIdents.computeIfAbsent(ident, o -> new long[] {k.newIdent(), 0});
            slot[1]++;
            try {
                k.kthreads().tsleep(slot[0], wmesg, 0);
            } finally {
                if (--slot[1] == 0) {
                    objectIdents.remove(ident);
                }
            }
        }

        @Override
        public void wakeup(Object ident) {
            // every lock release wakes; almost always nobody sleeps on anything
            long[] slot = objectIdents.isEmpty() ? null : objectIdents.get(ident);
            if (slot != null) {
                k.kthreads().wakeup(slot[0]);
            }
        }
    };

    KernelVfsHost(SimKernel k) {
        this.k = k;
        this.syncHost = KernelSyncHost.of(k, "vfs.locks");
    }

    private Td curtd() {
        SimThread s = k.engine.current();
        if (s == null) {
            return null;
        }
        if (s != lastSim) {
            lastTd = k.curtd();
            lastSim = s;
        }
        return lastTd;
    }

    @Override
    public Machine machine() {
        return k.machine;
    }

    @Override
    public long now() {
        return k.engine.now();
    }

    @Override
    public long realtime() {
        return BOOT_EPOCH_NANOS + k.engine.now();
    }

    @Override
    public int curcpu() {
        Td td = curtd();
        return td == null ? -1 : td.gd.cpu;
    }

    @Override
    public long curthread() {
        Td td = curtd();
        return td == null ? 0 : td.tid;
    }

    @Override
    public void charge(long cycles) {
        Td td = curtd();
        if (td != null) {
            td.gd.hw.charge(cycles);
        }
    }

    @Override
    public KernelThreads kthreads() {
        return k.kthreads();
    }

    @Override
    public BlockIo blockIo() {
        return k.blockIo();
    }

    @Override
    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public SyncHost syncHost() {
        return syncHost;
    }

    @Override
    public void gettoken(String name, boolean shared) {
        Td td = curtd();
        if (td != null) {
            k.tokens.gettoken(td, k.tokens.lookup(name), shared ? TokenMode.SHARED : TokenMode.EXCLUSIVE);
        }
    }

    @Override
    public void reltoken() {
        Td td = curtd();
        if (td != null) {
            k.tokens.reltoken(td);
        }
    }

    @Override
    public RandomGenerator random(String name) {
        return k.engine.random().stream(name);
    }

    @Override
    public long sysctl(String name) {
        return k.sysctls.get(name);
    }
}
