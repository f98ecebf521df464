package org.odonata.kern;

import java.util.PriorityQueue;
import java.util.function.Consumer;

import org.odonata.api.apic.Lapic;
import org.odonata.api.engine.Engine;

/**
 * Per-CPU systimer queues ({@code sys/kern/kern_systimer.c}): each CPU keeps its timers sorted by deadline and
 * programs its LAPIC one-shot for the earliest; the XTIMER interrupt runs every timer due and re-arms. Periodic
 * timers (hardclock, schedclock) advance by their period from their previous deadline, so they never drift.
 * Cost: O(log n) per add and per expiry, one LAPIC programming per change of the earliest deadline.
 */
final class Systimers {

    /** One timer; its action runs in interrupt context on its CPU. */
    static final class Systimer implements Comparable<Systimer> {
        final Globaldata gd;
        final long period;
        final Consumer<Globaldata> action;
        final long seq;
        long time;
        boolean cancelled;

        Systimer(Globaldata gd, long time, long period, Consumer<Globaldata> action, long seq) {
            this.gd = gd;
            this.time = time;
            this.period = period;
            this.action = action;
            this.seq = seq;
        }

        @Override
        public int compareTo(Systimer o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Engine engine;
    private final Lapic lapic;
    private final PriorityQueue<Systimer>[] queues;
    private long seq;

    @SuppressWarnings("unchecked")
    Systimers(Engine engine, Lapic lapic, int ncpus) {
        this.engine = engine;
        this.lapic = lapic;
        this.queues = new PriorityQueue[ncpus];
        for (int i = 0; i < ncpus; i++) {
            queues[i] = new PriorityQueue<>();
        }
    }

    /** Adds a timer on {@code gd}'s queue; {@code period} 0 makes it one-shot. */
    Systimer add(Globaldata gd, long time, long period, Consumer<Globaldata> action) {
        Systimer t = new Systimer(gd, Math.max(time, engine.now()), period, action, seq++);
        PriorityQueue<Systimer> q = queues[gd.cpu];
        q.add(t);
        if (q.peek() == t) {
            lapic.arm(gd.cpu, t.time);
        }
        return t;
    }

    /** Cancels a timer (lazily: it is dropped when it reaches the head). */
    void cancel(Systimer t) {
        if (t != null) {
            t.cancelled = true;
        }
    }

    /** The XTIMER handler body: runs everything due on {@code gd}, then re-arms for the earliest remaining. */
    void run(Globaldata gd) {
        PriorityQueue<Systimer> q = queues[gd.cpu];
        long now = engine.now();
        while (!q.isEmpty() && (q.peek().time <= now || q.peek().cancelled)) {
            Systimer t = q.poll();
            if (t.cancelled) {
                continue;
            }
            t.action.accept(gd);
            if (t.period > 0 && !t.cancelled) {
                t.time += t.period;
                if (t.time <= now) {
                    // missed periods (a long critical section) are not replayed
                    t.time = now + t.period - (now - t.time) % t.period;
                }
                q.add(t);
            }
        }
        Systimer head = q.peek();
        if (head != null && lapic.deadline(gd.cpu) != head.time) {
            lapic.arm(gd.cpu, head.time);
        }
    }

    int pending(int cpu) {
        return queues[cpu].size();
    }
}
