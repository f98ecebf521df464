package org.odonata.sync.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.engine.Engine;
import org.odonata.api.engine.SimThread;
import org.odonata.api.engine.SimThreadState;
import org.odonata.api.machine.Cpu;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;

/**
 * A real simulated machine ({@code server-2s32c64t}: CPUs 0–31 in package 0, 32–63 in package 1) with one
 * token implementation initialised on it, and simulated threads pinned to CPUs that drive its tokens.
 */
public final class TokenRig implements SyncHost {

    /** A budget no test outlives: acquire waits as long as it takes. */
    public static final long FOREVER = Long.MAX_VALUE;

    private final Machine machine;
    private final TokenAlgorithm algorithm;
    private final List<SimThread> threads = new ArrayList<>();

    public TokenRig(TokenAlgorithmFactory factory) {
        this(factory, 1);
    }

    public TokenRig(TokenAlgorithmFactory factory, long seed) {
        MachineSpec base = MachineSpec.of("t", Presets.topology("server-2s32c64t"));
        this.machine = new MachineFactoryComponent().create(new MachineSpec(base.name(), base.topology(),
                base.costs(), base.disks(), seed, base.engine()));
        this.algorithm = factory.create();
        algorithm.init(this);
    }

    @Override
    public Machine machine() {
        return machine;
    }

    @Override
    public RandomGenerator random() {
        return machine.engine().random().stream("sync.test");
    }

    public TokenLock token(String name) {
        return algorithm.newToken(name);
    }

    public Engine engine() {
        return machine.engine();
    }

    public Cpu cpu(int id) {
        return machine.cpu(id);
    }

    public long nanos(long cycles) {
        return machine.costs().nanos(cycles);
    }

    /** Starts {@code body} as a simulated thread after {@code delayNanos} of virtual time. */
    public void spawn(String name, long delayNanos, Runnable body) {
        engine().after(delayNanos, () -> threads.add(engine().spawn(name, body)));
    }

    /** Runs until nothing is left to do; every thread must have ended without failing. */
    public void runToCompletion() {
        engine().runUntilIdle();
        for (SimThread t : threads) {
            if (t.failure() != null) {
                throw new AssertionError(t.name() + " failed", t.failure());
            }
            assertEquals(SimThreadState.TERMINATED, t.state(), t.name() + " never finished");
        }
    }

    /**
     * Acquires with a 20 µs budget, and each time the algorithm gives up spends a context switch before retrying,
     * as the kernel's switch-away-and-retry in {@code lwkt_gettoken} would.
     */
    public void lock(TokenLock token, int cpu, long owner, TokenMode mode) {
        while (!token.acquire(cpu, owner, mode, 20_000)) {
            work(cpu, machine.costs().contextSwitch());
        }
    }

    /** Runs on {@code cpu} for {@code cycles}: the time spent inside or outside a critical section. */
    public void work(int cpu, long cycles) {
        machine.cpu(cpu).consume(cycles);
    }
}
