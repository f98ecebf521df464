package org.odonata.hw.x86.cpu;

import java.util.Objects;

import org.odonata.api.apic.InterruptHandler;
import org.odonata.api.apic.Vector;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.SimThread;
import org.odonata.api.machine.Cpu;
import org.odonata.api.topology.CpuInfo;

/**
 * One simulated hardware thread. Guarantee: the virtual time slept by all {@link #settle()} calls together is
 * exactly floor(total cycles settled × 1e9 / frequency) — charges are kept in cycles and only the running total
 * is converted, so no rounding is lost however small the charges. Cost: {@link #charge(long)} is two additions;
 * {@link #settle()} is one engine sleep when there is a debt.
 * <p>
 * Interrupts reach it through {@link #deliver(Vector)}, called by the LAPIC as an engine event: it wakes a halted
 * CPU and runs the CPU's handler.
 */
public final class SimCpu implements Cpu {

    private static final InterruptHandler NO_HANDLER = (cpu, vector) -> { };

    private final Engine engine;
    private final CpuInfo info;
    private final CostModel costs;
    private final CostModel clock;

    private long debt;
    private long settledCycles;
    private long settledNanos;
    private long charged;

    private InterruptHandler handler = NO_HANDLER;
    private SimThread halter;
    /** An interrupt taken while running: the next halt must not sleep through it (STI; HLT is atomic). */
    private boolean wakePending;
    /** The virtual time a {@link #stall} ends; 0 when never stalled. */
    private long stalledUntil;

    public SimCpu(Engine engine, CpuInfo info, CostModel costs) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.info = Objects.requireNonNull(info, "info");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.clock = costs;
    }

    @Override
    public int id() {
        return info.id();
    }

    @Override
    public CpuInfo info() {
        return info;
    }

    @Override
    public void charge(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("cpu " + id() + ": cannot charge negative cycles " + cycles);
        }
        debt += cycles;
        charged += cycles;
    }

    @Override
    public void consume(long cycles) {
        charge(cycles);
        settle();
    }

    @Override
    public void settle() {
        if (debt != 0) {
            settledCycles += debt;
            debt = 0;
            long target = clock.nanos(settledCycles);
            long sleep = target - settledNanos;
            settledNanos = target;
            // Outside a simulated thread nobody can sleep: the debt is dropped, its rounding carry kept.
            if (sleep > 0 && engine.current() != null) {
                engine.sleep(sleep);
            }
        }
        sitOutStall();
    }

    @Override
    public void stall(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("cpu " + id() + ": cannot stall for negative time " + nanos);
        }
        long end = nanos > Long.MAX_VALUE - engine.now() ? Long.MAX_VALUE : engine.now() + nanos;
        stalledUntil = Math.max(stalledUntil, end);
    }

    /**
     * The current simulated thread waits until this CPU's stall ends, if one is under way: for code that resumes
     * on this CPU without settling (a spinner woken by a store).
     */
    public void sitOutStall() {
        if (stalledUntil != 0) {
            long left = stalledUntil - engine.now();
            if (left > 0 && engine.current() != null) {
                engine.sleep(left);
            }
        }
    }

    /** Cycles charged and not yet settled into virtual time. */
    public long debt() {
        return debt;
    }

    @Override
    public long cyclesCharged() {
        return charged;
    }

    /** Charges {@code tscRead}; unsettled charges are not yet virtual time, so they are not visible here. */
    @Override
    public long rdtsc() {
        charge(costs.tscRead());
        return clock.cycles(engine.now());
    }

    /**
     * Settles, then parks the current simulated thread until an interrupt is delivered to this CPU. An interrupt
     * taken since the last halt makes it return at once (possibly spuriously: idle loops re-check their work).
     *
     * @throws IllegalStateException when called outside a simulated thread
     */
    @Override
    public void halt() {
        settle();
        if (wakePending) {
            wakePending = false;
            return;
        }
        SimThread self = engine.current();
        if (self == null) {
            throw new IllegalStateException("cpu " + id() + ": halt outside a simulated thread");
        }
        halter = self;
        while (halter == self) {
            engine.park();
        }
        sitOutStall();
    }

    @Override
    public boolean halted() {
        return halter != null;
    }

    /** Sets who receives this CPU's interrupts; {@code null} restores the default, which ignores them. */
    public void setHandler(InterruptHandler handler) {
        this.handler = handler == null ? NO_HANDLER : handler;
    }

    /**
     * Takes an interrupt now: wakes the CPU if halted (its thread runs after the handler, at this virtual time),
     * then runs the handler.
     *
     * @return whether the CPU was halted
     */
    public boolean deliver(Vector vector) {
        boolean woke = wake();
        handler.interrupt(id(), vector);
        return woke;
    }

    /**
     * Takes device interrupt {@code irq} now, as {@link #deliver} takes a vector.
     *
     * @return whether the CPU was halted
     */
    public boolean deliverIrq(int irq) {
        boolean woke = wake();
        handler.device(id(), irq);
        return woke;
    }

    /** An interrupt arrives: a halted CPU's thread becomes runnable, a running one will not halt through it. */
    private boolean wake() {
        SimThread woken = halter;
        if (woken != null) {
            halter = null;
            woken.unpark();
        } else {
            wakePending = true;
        }
        return woken != null;
    }

    @Override
    public String toString() {
        return "cpu" + id();
    }
}
