package org.odonata.kern;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Device interrupts and their interrupt threads ({@code sys/kern/kern_intr.c}). A driver registers a handler for
 * its irq ({@code register_int}); every CPU the irq is routed to gets its own interrupt thread for it
 * ({@code intr_block->ary[cpu][irq]}), an LWKT thread at {@code TDPRI_INT_MED} with {@code td_preemptable} set. The
 * interrupt schedules that thread ({@code sched_ithd_intern}); the thread runs the handler inside a critical section,
 * as {@code ithread_handler} does, and deschedules itself when no new interrupt came in meanwhile.
 * <p>
 * Simplification: the livelock limiter (interrupt rate caps) and the emergency polling thread are not modelled.
 */
final class Interrupts {

    /** The largest irq number plus one: {@code gd_ipending} is one 64-bit mask here. */
    static final int MAX_IRQS = 64;

    /** One interrupt thread: {@code struct intr_info} with its thread. */
    static final class Ithread {
        final int irq;
        final Td td;
        /** {@code i_running}: an interrupt came in that the thread has not handled yet. */
        boolean running;
        /** {@code i_count}: interrupts taken. */
        long count;

        Ithread(int irq, Td td) {
            this.irq = irq;
            this.td = td;
        }
    }

    private final SimKernel k;
    private final Runnable[] handlers = new Runnable[MAX_IRQS];
    /** ithreads[cpu]: the CPU's interrupt threads by irq, created when the irq is first routed there. */
    private final Map<Integer, Ithread>[] ithreads;
    /** Interrupts taken on a CPU with no interrupt thread for them ({@code report_stray_interrupt}). */
    long strays;

    @SuppressWarnings("unchecked")
    Interrupts(SimKernel k) {
        this.k = k;
        this.ithreads = new Map[k.ncpus];
        for (int c = 0; c < k.ncpus; c++) {
            ithreads[c] = new HashMap<>();
        }
    }

    /** {@code register_int}: {@code handler} runs in an interrupt thread whenever {@code irq} is taken. */
    void register(int irq, Runnable handler) {
        if (irq < 0 || irq >= MAX_IRQS) {
            throw new IllegalArgumentException("irq " + irq + " is not in 0.." + (MAX_IRQS - 1));
        }
        handlers[irq] = handler;
    }

    /** Makes sure {@code cpu} has its interrupt thread for {@code irq}, created unscheduled ({@code TDF_NOSTART}). */
    void route(int irq, int cpu) {
        ithreads[cpu].computeIfAbsent(irq, i -> {
            Td td = k.newKernelThread("ithread" + irq + " " + cpu, k.gd(cpu), Tdpri.INT_MED);
            td.preemptable = true;
            Ithread it = new Ithread(irq, td);
            k.startKernelThread(td, () -> run(it));
            return it;
        });
    }

    /**
     * {@code sched_ithd_intern}, on the CPU that took the interrupt: the interrupt thread is scheduled unless an
     * interrupt is already waiting for it, and may preempt the current thread ({@link Lwkt#preempt}).
     */
    void schedIthd(Globaldata gd, int irq) {
        Ithread it = ithreads[gd.cpu].get(irq);
        if (it == null) {
            // report_stray_interrupt: nothing was registered for this irq on this CPU
            strays++;
            return;
        }
        it.count++;
        if (!it.running) {
            it.running = true;
            k.lwkt.scheduleLocal(gd, it.td);
            if (it.td.onRunq) {
                k.lwkt.preempt(gd, it.td);
            }
        }
    }

    /** Interrupts taken per irq, over every CPU. */
    Map<Integer, Long> counts() {
        Map<Integer, Long> out = new TreeMap<>();
        for (Map<Integer, Ithread> m : ithreads) {
            for (Ithread it : m.values()) {
                out.merge(it.irq, it.count, Long::sum);
            }
        }
        return out;
    }

    /** {@code ithread_handler}: one critical section around the loop, the handler once per batch of interrupts. */
    private void run(Ithread it) {
        Td td = it.td;
        Lwkt lwkt = k.lwkt;
        lwkt.critEnter(td);
        while (true) {
            if (it.running) {
                it.running = false;
                handlers[it.irq].run();
            }
            // a quick exit and enter lets higher-priority interrupts in
            lwkt.critExit(td);
            lwkt.critEnter(td);
            if (!it.running) {
                lwkt.descheduleSelf(td);
                lwkt.lwktSwitch(td);
            }
        }
    }
}
