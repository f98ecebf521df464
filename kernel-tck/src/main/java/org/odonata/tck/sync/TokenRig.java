package org.odonata.tck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.SimThread;
import org.odonata.api.engine.SimThreadState;
import org.odonata.api.machine.Cpu;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineFactory;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.tck.Platform;
import org.odonata.tck.sched.sim.Topologies;

/**
 * A real simulated machine ({@code server-2s32c64t}: CPUs 0–31 in package 0, 32–63 in package 1) with one
 * token implementation initialised on it, and simulated threads pinned to CPUs that drive its tokens.
 */
public final class TokenRig implements SyncHost {

    /** A budget no test outlives: acquire waits as long as it takes. */
    public static final long FOREVER = Long.MAX_VALUE;
    /** How far {@link #runToCompletion()} lets virtual time run before it calls the run stuck: 10 s. */
    public static final long TIME_LIMIT_NANOS = 10_000_000_000L;

    private final Machine machine;
    private final TokenAlgorithm algorithm;
    private final List<SimThread> threads = new ArrayList<>();

    /** On the machine factory found on the class path, seed 1. */
    public TokenRig(TokenAlgorithmFactory factory) {
        this(factory, 1);
    }

    public TokenRig(TokenAlgorithmFactory factory, long seed) {
        this(factory, seed, Platform.fromClassPath());
    }

    public TokenRig(TokenAlgorithmFactory factory, long seed, Platform platform) {
        this(factory, seed, platform.requireMachines(), platform.engine());
    }

    public TokenRig(TokenAlgorithmFactory factory, long seed, MachineFactory machines, EngineKind engine) {
        MachineSpec base = MachineSpec.of("t", Topologies.server2s32c64t());
        this.machine = machines.create(new MachineSpec(base.name(), base.topology(), base.costs(), base.disks(),
                seed, engine));
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

    /**
     * Runs until nothing is left to do (or {@link #TIME_LIMIT_NANOS} of virtual time); every thread must have
     * ended without failing.
     */
    public void runToCompletion() {
        runToCompletion(TIME_LIMIT_NANOS);
    }

    /** Runs until nothing is left to do or virtual time reaches {@code limitNanos}; every thread must have ended. */
    public void runToCompletion(long limitNanos) {
        Engine engine = engine();
        while (engine.now() < limitNanos && engine.step()) {
            // one event at a time: a lock whose waiters never stop spinning ends the run at the limit
        }
        for (SimThread t : threads) {
            if (t.failure() != null) {
                throw new AssertionError(t.name() + " failed: " + t.failure(), t.failure());
            }
            if (t.state() != SimThreadState.TERMINATED) {
                throw new AssertionError(t.name() + " never finished (still " + t.state() + " at t="
                        + engine().now() / 1_000 + "us): stuck waiting for a token");
            }
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
