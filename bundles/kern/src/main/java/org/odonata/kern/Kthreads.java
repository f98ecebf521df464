package org.odonata.kern;

import java.util.Objects;

import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.sync.TokenMode;

/** {@link KernelThreads} of one kernel: each call acts for the calling simulated thread, its {@code curthread}. */
final class Kthreads implements KernelThreads {

    private final SimKernel k;

    Kthreads(SimKernel k) {
        this.k = k;
    }

    @Override
    public long create(String name, int cpu, Runnable body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Td td = k.newKernelThread(name, k.gd(k.checkedCpu(cpu)), Tdpri.KERN_DAEMON);
        k.startKernelThread(td, body);
        k.lwkt.schedule(k.mycpu(), td);
        return td.tid;
    }

    @Override
    public long newIdent() {
        return k.newIdent();
    }

    @Override
    public int tsleep(long ident, String wmesg, long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("negative tsleep timeout: " + timeoutNanos + " ns");
        }
        Td td = k.curthread("tsleep");
        if (td.preemptable) {
            throw new IllegalStateException(td + " is an interrupt thread: it must not sleep");
        }
        return k.sleepq.tsleep(td, ident, Objects.requireNonNull(wmesg, "wmesg"), timeoutNanos);
    }

    @Override
    public void wakeup(long ident) {
        k.sleepq.wakeup(k.curthread("wakeup").gd.cpu, ident);
    }

    @Override
    public void wakeupOne(long ident) {
        k.sleepq.wakeupOne(k.curthread("wakeup_one").gd.cpu, ident);
    }

    @Override
    public void compute(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("negative compute burst: " + cycles + " cycles");
        }
        k.lwkt.computeKernel(k.curthread("compute"), cycles);
    }

    @Override
    public void spin(long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("negative spin: " + timeoutNanos + " ns");
        }
        k.lwkt.spinKernel(k.curthread("spin"), timeoutNanos);
    }

    @Override
    public void endSpin(long tid) {
        Td td = k.thread(tid);
        if (td != null) {
            k.lwkt.endSpin(td);
        }
    }

    @Override
    public void withToken(String token, boolean shared, Runnable body) {
        Td td = k.curthread("withToken");
        k.tokens.withToken(td, k.tokens.lookup(Objects.requireNonNull(token, "token")),
                shared ? TokenMode.SHARED : TokenMode.EXCLUSIVE, body);
    }

    @Override
    public void yield() {
        k.lwkt.yield(k.curthread("lwkt_yield"));
    }

    @Override
    public int mycpu() {
        return k.curthread("mycpu").gd.cpu;
    }

    @Override
    public long curthread() {
        return k.curthread("curthread").tid;
    }
}
