package org.odonata.kern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.odonata.api.machine.Cpu;
import org.odonata.api.sched.SchedLock;
import org.odonata.api.sync.Distribution;
import org.odonata.api.sync.LockFactory;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.Spinlock;
import org.odonata.api.sync.SyncHost;

/**
 * The user scheduler's spinlocks ({@code SchedHost.spinlock}): DragonFly spinlocks from the {@link LockFactory} on
 * the machine's memory, taken by the CPU whose code runs the scheduler ({@link SimKernel#mycpu()}), which pays what
 * the coherence model says. Outside any CPU (boot, a live swap's hand-over) nobody runs the code, so nobody pays.
 * Statistics are summed per name: acquisitions, the ones that cost more than an uncontended local acquisition
 * (collisions), and the cycles beyond that cost (spin cycles). A scheduler lock is never held across virtual time
 * (the core runs no other CPU inside a scheduler call), so hold and wait times are not kept.
 */
final class SchedLocks {

    private static final Distribution NONE = new Distribution(0, 0, 0, 0, 0);

    private final SimKernel k;
    private final LockFactory factory;
    private final SyncHost host;
    /** What an uncontended acquisition costs: a locked read-modify-write of a line already in the CPU's cache. */
    private final long uncontended;
    private final Map<String, Counters> byName = new LinkedHashMap<>();

    SchedLocks(SimKernel k, LockFactory factory) {
        this.k = k;
        this.factory = Objects.requireNonNull(factory, "locks");
        this.host = KernelSyncHost.of(k, "sched.locks");
        this.uncontended = k.machine.costs().lineLocal() + k.machine.costs().atomicExtra();
    }

    SchedLock newLock(String name) {
        Counters c = byName.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new Counters());
        return new Lock(name, factory.newSpinlock(host, "sched:" + name + ":" + c.locks++), c);
    }

    /** One entry per lock name, in the order the names first appeared. */
    List<LockStats> stats() {
        List<LockStats> out = new ArrayList<>(byName.size());
        byName.forEach((name, c) -> out.add(new LockStats(name, c.acquisitions, c.collisions, c.spinCycles, NONE,
                NONE)));
        return out;
    }

    /** Cycles all scheduler lock acquisitions took beyond an uncontended local one. */
    long spinCycles() {
        long sum = 0;
        for (Counters c : byName.values()) {
            sum += c.spinCycles;
        }
        return sum;
    }

    private static final class Counters {
        int locks;
        long acquisitions;
        long collisions;
        long spinCycles;
    }

    private final class Lock implements SchedLock {
        private final String name;
        private final Spinlock spin;
        private final Counters counters;
        /** The CPU holding it, or -1; -2 while held outside any CPU. */
        private int holder = -1;

        Lock(String name, Spinlock spin, Counters counters) {
            this.name = name;
            this.spin = spin;
            this.counters = counters;
        }

        @Override
        public void lock() {
            int cpu = notHeldBy(k.mycpu());
            if (cpu >= 0) {
                Cpu c = k.gd(cpu).hw;
                long before = c.cyclesCharged();
                spin.lock(cpu);
                count(c.cyclesCharged() - before);
            }
            holder = tag(cpu);
        }

        @Override
        public boolean tryLock() {
            int cpu = notHeldBy(k.mycpu());
            if (holder != -1) {
                return false;
            }
            if (cpu >= 0) {
                Cpu c = k.gd(cpu).hw;
                long before = c.cyclesCharged();
                if (!spin.tryLock(cpu)) {
                    return false;
                }
                count(c.cyclesCharged() - before);
            }
            holder = tag(cpu);
            return true;
        }

        @Override
        public void unlock() {
            int cpu = k.mycpu();
            if (holder != tag(cpu)) {
                throw new IllegalStateException("scheduler lock " + name + " released by " + who(cpu)
                        + ", which does not hold it");
            }
            holder = -1;
            if (cpu >= 0) {
                spin.unlock(cpu);
            }
        }

        private int notHeldBy(int cpu) {
            if (holder != -1 && holder == tag(cpu)) {
                throw new IllegalStateException("scheduler lock " + name + " taken again by " + who(cpu)
                        + ", which holds it (DragonFly would deadlock)");
            }
            return cpu;
        }

        private static int tag(int cpu) {
            return cpu < 0 ? -2 : cpu;
        }

        private static String who(int cpu) {
            return cpu < 0 ? "code outside any CPU" : "cpu" + cpu;
        }

        private void count(long cycles) {
            counters.acquisitions++;
            if (cycles > uncontended) {
                counters.collisions++;
                counters.spinCycles += cycles - uncontended;
            }
        }

        @Override
        public String toString() {
            return "scheduler lock " + name + (holder == -1 ? "" : " held by " + holder);
        }
    }
}
