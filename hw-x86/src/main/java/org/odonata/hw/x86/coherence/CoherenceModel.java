package org.odonata.hw.x86.coherence;

import java.util.List;
import java.util.Objects;

import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.SimThread;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.Coherence;
import org.odonata.api.memory.CoherenceStats;
import org.odonata.api.topology.Distance;
import org.odonata.api.topology.Topology;
import org.odonata.hw.x86.cpu.SimCpu;

/**
 * A MESI-like coherence model (E and M merged) over every line of one machine. Guarantee: each operation
 * charges its issuing CPU exactly what the {@link CostModel} says for the line's state at that virtual time —
 * {@code lineLocal} on a hit, the transfer cost by topology distance when another cache must be reached,
 * {@code lineMemory} when no cache holds the line, plus {@code atomicExtra} for read-modify-writes — plus, for a
 * transfer, the time the line is still busy with transfers requested before it; spin-waiters wake in
 * registration order. Cost: loads and stores are O(1) and allocation-free; a write to a shared line, or a load of
 * one, tests its sharer bitset against each price level ({@link CostLevels}: ceil(cpus / 64) words a level); only
 * spin-waits allocate. The prices between every pair of CPUs are precomputed: cpus² longs, and per CPU one bitset
 * per distinct price.
 * <p>
 * Pricing rules: a load pays for the nearest copy; a store or atomic pays for the farthest copy it must
 * invalidate, because the write waits for every acknowledgement. A cold load takes the line exclusive (E), so
 * its first store is a hit. Simplification: caches have no capacity, so a line once fetched is never evicted,
 * and memory costs {@code lineMemory} whatever the line's home node.
 * <p>
 * Contention: every transfer (and memory fill) of a line goes through the one agent that orders that line's
 * transfers, so a line moves one transfer at a time. A transfer is requested at its CPU's own virtual time (the
 * engine's clock plus the cycles the CPU has charged and not yet settled, so a CPU never waits for its own
 * earlier transfers), starts when the line's previous transfer completes, and the wait is charged with it. After
 * a store, the woken spinners' reloads are therefore served one after another (overlapping the store's own
 * transfer, whose invalidations trigger them) and whoever is next to take a ticket lock waits behind the
 * spinners ahead of it, as does the next release: a hand-off's cost grows with the number of spinners, as in
 * Boyd-Wickizer et al., "Non-scalable locks are dangerous" (2012). Hits never wait: the copy is already there.
 * Outside a simulated thread (set-up code, engine events) nothing can wait, so such operations are not charged
 * a wait, though their transfers still occupy the line.
 */
public final class CoherenceModel implements Coherence {

    /**
     * A thread parked in {@link #spinUntilChanged}; {@code writer} and {@code since} (when that store took the
     * line, in cycles) are set by the store that wakes it.
     */
    static final class Waiter {
        final SimThread thread;
        int writer = -1;
        long since;

        Waiter(SimThread thread) {
            this.thread = thread;
        }
    }

    private final Engine engine;
    private final SimCpu[] cpus;
    private final int n;
    private final int nodes;
    /**
     * distance[a * n + b]: the {@link Distance} ordinal from CPU a to CPU b, a byte rather than the price itself so
     * that the table stays in cache on large machines (64 KiB for 256 CPUs, where prices took 512 KiB).
     */
    private final byte[] distance;
    /** What a CPU pays to reach a line held at each {@link Distance}, by ordinal. */
    private final long[] lineCost;
    /** The same prices grouped by level, for the cheapest or dearest of a line's sharers. */
    private final CostLevels levels;
    private final long lineLocal;
    private final long lineMemory;
    private final long atomicExtra;
    private final CostModel clock;

    private long operations;
    private long hits;
    private long transfers;
    private long memoryReads;
    private long invalidations;
    private long cycles;
    private long spinWaits;
    private long spinCycles;
    private long queuedCycles;
    /** The engine time last converted to cycles, and the conversion: many transfers happen at one instant. */
    private long convertedAt = -1;
    private long convertedCycles;

    /**
     * @param cpus the machine's CPUs, indexed by id; costs are charged to them
     */
    public CoherenceModel(Engine engine, Topology topology, CostModel costModel, List<SimCpu> cpus) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.n = topology.cpuCount();
        if (cpus.size() != n) {
            throw new IllegalArgumentException("topology " + topology.name() + " has " + n + " CPUs, given "
                    + cpus.size());
        }
        this.cpus = cpus.toArray(new SimCpu[0]);
        for (int i = 0; i < n; i++) {
            if (this.cpus[i].id() != i) {
                throw new IllegalArgumentException("CPU at index " + i + " has id " + this.cpus[i].id());
            }
        }
        this.nodes = Math.max(1, topology.nodeCount());
        this.lineCost = new long[Distance.values().length];
        for (Distance d : Distance.values()) {
            lineCost[d.ordinal()] = costModel.line(d);
        }
        this.distance = new byte[n * n];
        long[] costs = new long[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                Distance d = topology.distance(a, b);
                distance[a * n + b] = (byte) d.ordinal();
                costs[a * n + b] = lineCost[d.ordinal()];
            }
        }
        this.levels = new CostLevels(costs, n);
        this.lineLocal = costModel.lineLocal();
        this.lineMemory = costModel.lineMemory();
        this.atomicExtra = costModel.atomicExtra();
        this.clock = costModel;
    }

    @Override
    public CacheLine allocate(String name, int homeNode, long initial) {
        Objects.requireNonNull(name, "name");
        if (homeNode < 0 || homeNode >= nodes) {
            throw new IllegalArgumentException("line " + name + ": home node " + homeNode + " is not in 0.."
                    + (nodes - 1));
        }
        return new Line(this, name, homeNode, initial, n);
    }

    @Override
    public long load(int cpu, CacheLine line) {
        Line l = own(line);
        charge(cpu, shared(cpu, l));
        return l.value;
    }

    @Override
    public void store(int cpu, CacheLine line, long value) {
        Line l = own(line);
        long since = wakeTime(cpu, l);
        charge(cpu, exclusive(cpu, l));
        write(l, cpu, value, since);
    }

    @Override
    public boolean compareAndSet(int cpu, CacheLine line, long expect, long update) {
        Line l = own(line);
        long since = wakeTime(cpu, l);
        // LOCK CMPXCHG takes the line exclusive even when the comparison fails.
        charge(cpu, exclusive(cpu, l) + atomicExtra);
        if (l.value != expect) {
            return false;
        }
        write(l, cpu, update, since);
        return true;
    }

    @Override
    public long fetchAdd(int cpu, CacheLine line, long delta) {
        Line l = own(line);
        long since = wakeTime(cpu, l);
        charge(cpu, exclusive(cpu, l) + atomicExtra);
        long old = l.value;
        write(l, cpu, old + delta, since);
        return old;
    }

    @Override
    public long exchange(int cpu, CacheLine line, long value) {
        Line l = own(line);
        long since = wakeTime(cpu, l);
        charge(cpu, exclusive(cpu, l) + atomicExtra);
        long old = l.value;
        write(l, cpu, value, since);
        return old;
    }

    /**
     * Loads the line (the read that finds it unchanged is paid like any load); if it still holds {@code seen},
     * settles the CPU's debt and parks until a store changes it, then pays the transfer from the writer's CPU.
     * Rechecks after every wake, so it never returns {@code seen}.
     *
     * @throws IllegalStateException when it would have to wait outside a simulated thread
     */
    @Override
    public long spinUntilChanged(int cpu, CacheLine line, long seen) {
        Line l = own(line);
        long v = load(cpu, l);
        if (v != seen) {
            return v;
        }
        SimThread self = engine.current();
        if (self == null) {
            throw new IllegalStateException("cpu " + cpu + ": spin on " + l + " outside a simulated thread "
                    + "would never end");
        }
        spinWaits++;
        while (true) {
            cpus[cpu].settle();
            if (l.value != seen) {
                // It changed while the debt became virtual time: an ordinary reload sees it.
                return load(cpu, l);
            }
            Waiter w = new Waiter(self);
            l.addWaiter(w);
            long parkedAt = engine.now();
            while (w.writer < 0) {
                engine.park();
            }
            // a stalled CPU notices the store only once the stall ends
            cpus[cpu].sitOutStall();
            spinCycles += clock.cycles(engine.now() - parkedAt);
            charge(cpu, reload(cpu, l, w.writer, w.since));
            if (l.value != seen) {
                return l.value;
            }
        }
    }

    @Override
    public CoherenceStats stats() {
        return new CoherenceStats(operations, hits, transfers, memoryReads, invalidations, cycles, spinWaits,
                spinCycles, queuedCycles);
    }

    private Line own(CacheLine line) {
        if (line instanceof Line l && l.model == this) {
            return l;
        }
        throw new IllegalArgumentException(line + " was not allocated by this coherence model");
    }

    private void charge(int cpu, long cost) {
        cycles += cost;
        cpus[cpu].charge(cost);
    }

    /** Brings the line into {@code cpu}'s cache readable; returns the cost. */
    private long shared(int cpu, Line l) {
        int row = row(cpu);
        operations++;
        if (l.holds(cpu)) {
            hits++;
            return lineLocal;
        }
        if (l.owner >= 0) {
            transfers++;
            long cost = lineCost[distance[row + l.owner]];
            l.addSharer(l.owner);
            l.owner = -1;
            l.addSharer(cpu);
            return queued(cpu, l, cost);
        }
        if (l.sharerCount() > 0) {
            transfers++;
            long cost = l.minCost(levels, cpu);
            l.addSharer(cpu);
            return queued(cpu, l, cost);
        }
        memoryReads++;
        l.owner = cpu;
        return queued(cpu, l, lineMemory);
    }

    /** Makes {@code cpu} the only holder of the line, invalidating every other copy; returns the cost. */
    private long exclusive(int cpu, Line l) {
        int row = row(cpu);
        operations++;
        long cost;
        if (l.owner == cpu) {
            hits++;
            return lineLocal;
        }
        if (l.owner >= 0) {
            transfers++;
            invalidations++;
            cost = lineCost[distance[row + l.owner]];
        } else if (l.sharerCount() > 0) {
            boolean mine = l.isSharer(cpu);
            int others = l.sharerCount() - (mine ? 1 : 0);
            invalidations += others;
            if (!mine) {
                transfers++;
            }
            // An upgrade from S has the data already and waits only for the acknowledgements.
            cost = l.maxCost(levels, cpu);
            l.clearSharers();
        } else {
            memoryReads++;
            cost = lineMemory;
        }
        l.owner = cpu;
        return queued(cpu, l, cost);
    }

    /**
     * The reload of a woken spinner, priced from the CPU whose store woke it. It is requested when that store
     * took the line: until then the spinner was still spinning, which is not a transfer's wait.
     */
    private long reload(int cpu, Line l, int writer, long since) {
        operations++;
        if (l.holds(cpu)) {
            hits++;
            return lineLocal;
        }
        transfers++;
        if (l.owner >= 0) {
            l.addSharer(l.owner);
            l.owner = -1;
        }
        l.addSharer(cpu);
        long at = Math.max(issueTime(cpu), since);
        long cost = lineCost[distance[row(cpu) + writer]];
        long wait = l.book(at, cost);
        queuedCycles += wait;
        return wait + cost;
    }

    /**
     * Books a transfer of {@code cost} cycles on the line for {@code cpu}; returns the cost plus the wait for the
     * line's earlier transfers.
     */
    private long queued(int cpu, Line l, long cost) {
        long wait = l.book(issueTime(cpu), cost);
        if (wait == 0 || engine.current() == null) {
            return cost;
        }
        queuedCycles += wait;
        return wait + cost;
    }

    /** When {@code cpu} issues its next operation, in cycles: the engine's clock plus its unsettled cycles. */
    private long issueTime(int cpu) {
        return nowInCycles() + cpus[cpu].debt();
    }

    /**
     * When a write by {@code cpu} about to be issued takes the line (after the transfers booked before it), for
     * the spinners it may wake; 0 when nobody spins, the common case, to keep writes cheap.
     */
    private long wakeTime(int cpu, Line l) {
        return l.waiters == null ? 0 : Math.max(issueTime(cpu), l.busyUntil());
    }

    private long nowInCycles() {
        long now = engine.now();
        if (now != convertedAt) {
            convertedAt = now;
            convertedCycles = clock.cycles(now);
        }
        return convertedCycles;
    }

    /**
     * Sets the value and wakes the line's spinners. {@code since} is when this write took the line: the
     * spinners' re-reads are triggered by its invalidations and overlap its transfer, so they queue only behind
     * what was booked before it and behind one another (a lone spinner pays one transfer).
     */
    private void write(Line l, int writer, long value, long since) {
        long old = l.value;
        l.value = value;
        if (old != value && l.waiters != null) {
            l.rewind(since);
            var woken = l.waiters;
            l.waiters = null;
            for (Waiter w : woken) {
                w.writer = writer;
                w.since = since;
                w.thread.unpark();
            }
        }
    }

    private int row(int cpu) {
        if (cpu < 0 || cpu >= n) {
            throw new IllegalArgumentException("no CPU " + cpu + " (machine has " + n + ")");
        }
        return cpu * n;
    }
}
