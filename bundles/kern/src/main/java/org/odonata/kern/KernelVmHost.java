package org.odonata.kern;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.IntConsumer;

import org.odonata.api.apic.Vector;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.vm.VmHost;

/**
 * What the kernel core offers its VM ({@link VmHost}): the calling thread's CPU and id, its token stack, tsleep and
 * wakeup on objects, the kernel threads and block I/O SPIs, process kills, and TLB shootdowns as {@code XINVLTLB} IPIs
 * ({@code pmap_inval.c}: the initiator queues the invalidation for each target, sends the IPI, and spins on an
 * acknowledgement line that each target's handler increments after running it; the handler runs even inside a
 * critical section). Sleep idents are assigned to objects on first use, in call order, so they are deterministic.
 */
final class KernelVmHost implements VmHost {

    private final SimKernel k;
    /** Objects slept on, and their idents; an object nobody can reach any more can be slept on by nobody. */
    private final Map<Object, Long> idents = new WeakHashMap<>();
    /** Invalidations queued for each CPU's next XINVLTLB. */
    private final ArrayDeque<Runnable>[] pending;

    @SuppressWarnings("unchecked")
    KernelVmHost(SimKernel k) {
        this.k = k;
        this.pending = new ArrayDeque[k.ncpus];
        for (int c = 0; c < k.ncpus; c++) {
            pending[c] = new ArrayDeque<>();
        }
    }

    @Override
    public Machine machine() {
        return k.machine;
    }

    @Override
    public int cpu() {
        return k.mycpu();
    }

    @Override
    public long tid() {
        Td td = k.curtd();
        return td == null ? 0 : td.tid;
    }

    @Override
    public void gettoken(String name, TokenMode mode) {
        k.tokens.gettoken(current("gettoken"), k.tokens.lookup(name), mode);
    }

    @Override
    public void reltoken() {
        k.tokens.reltoken(current("reltoken"));
    }

    @Override
    public void tsleep(Object ident, String wmesg) {
        tsleep(ident, wmesg, 0);
    }

    @Override
    public boolean tsleep(Object ident, String wmesg, long timeoutNanos) {
        Long id = idents.computeIfAbsent(ident, o -> k.newIdent());
        return k.sleepq.tsleep(current("tsleep"), id, wmesg, timeoutNanos) == 0;
    }

    @Override
    public void wakeup(Object ident) {
        Long id = idents.get(ident);
        if (id != null) {
            k.sleepq.wakeup(k.mycpu(), id);
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
    public void shootdown(int[] targets, IntConsumer invalidate) {
        Td td = current("shootdown");
        int me = td.gd.cpu;
        CacheLine ack = k.machine.coherence().allocate("pmap_inval", 0, 0);
        int expected = 0;
        for (int c : targets) {
            if (c == me) {
                invalidate.accept(c);
                continue;
            }
            expected++;
            int target = c;
            pending[c].add(() -> {
                invalidate.accept(target);
                k.machine.coherence().fetchAdd(target, ack, 1);
            });
            k.machine.lapic().sendIpi(me, c, Vector.XINVLTLB);
        }
        long seen = k.machine.coherence().load(me, ack);
        while (seen < expected) {
            seen = k.machine.coherence().spinUntilChanged(me, ack, seen);
        }
        k.lwkt.settle(td.gd);
    }

    /** The XINVLTLB handler ({@code smp_inval_intr}): runs the invalidations queued for this CPU. */
    void invltlb(int cpu) {
        Runnable r;
        while ((r = pending[cpu].poll()) != null) {
            r.run();
        }
    }

    @Override
    public void fault(String line) {
        k.fault("vm", line);
    }

    @Override
    public void kill(int pid, int signal, String why) {
        k.killProcess(pid, signal, why);
    }

    private Td current(String what) {
        return k.curthread("VM " + what);
    }
}
