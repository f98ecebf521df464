package org.odonata.kern;

import org.odonata.api.machine.Cpu;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.Coherence;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;

/**
 * A trivial test-and-set token for the core's tests: one line per token, a CAS per attempt, a doubling pause between
 * attempts until the spin budget runs out (the bounded spin: the time DragonFly's takes). It also checks the guarantees the core relies on: exclusive holders
 * exclude everyone, releases match holds. The real algorithms (lwkt, ticket, mcs) live in their own bundles.
 */
final class TestTasTokens implements TokenAlgorithm {

    static final long PAUSE_CYCLES = 200;
    /** The pause doubles up to this between attempts, so a long spin costs few engine events. */
    static final long MAX_PAUSE_CYCLES = 20_000;

    static TokenAlgorithmFactory factory(String name) {
        return new TokenAlgorithmFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test-and-set";
            }

            @Override
            public TokenAlgorithm create() {
                return new TestTasTokens();
            }
        };
    }

    private SyncHost host;

    @Override
    public void init(SyncHost h) {
        this.host = h;
    }

    @Override
    public TokenLock newToken(String name) {
        return new Lock(name);
    }

    final class Lock implements TokenLock {
        private final String name;
        private final CacheLine line;
        long exclOwner = -1;
        int exclCount;
        int shared;
        private long spin;
        private boolean abandoned;

        Lock(String name) {
            this.name = name;
            this.line = host.machine().coherence().allocate("token:" + name, 0, 0);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
            if (abandoned) {
                return false;
            }
            Coherence c = host.machine().coherence();
            long v = c.load(cpu, line);
            if (exclOwner == owner) {
                exclCount++;
                c.compareAndSet(cpu, line, v, v + 1);
                return true;
            }
            if (mode == TokenMode.EXCLUSIVE) {
                if (exclOwner >= 0 || shared > 0) {
                    return false;
                }
                exclOwner = owner;
                exclCount = 1;
            } else {
                if (exclOwner >= 0) {
                    return false;
                }
                shared++;
            }
            c.compareAndSet(cpu, line, v, v + 1);
            return true;
        }

        @Override
        public boolean acquire(int cpu, long owner, TokenMode mode, long budgetNanos) {
            Cpu hw = host.machine().cpu(cpu);
            long now = host.machine().engine().now();
            long spinBudgetNanos = budgetNanos == BOUNDED_SPIN ? TokenLock.boundedSpinNanos(host.machine().costs())
                    : budgetNanos;
            long deadline = spinBudgetNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + spinBudgetNanos;
            long pause = PAUSE_CYCLES;
            while (true) {
                if (tryAcquire(cpu, owner, mode)) {
                    return true;
                }
                if (abandoned || host.machine().engine().now() >= deadline) {
                    // a failed attempt pauses once, as _lwkt_trytokref does before it returns FALSE
                    hw.charge(PAUSE_CYCLES);
                    spin += PAUSE_CYCLES;
                    return false;
                }
                // inside its TSC window a CPU retries without pausing, so no waiter starves (as lwkt tokens do)
                long cycles = hw.rdtsc();
                if ((cycles >>> 8) % host.machine().topology().cpuCount() != cpu) {
                    hw.consume(pause);
                    spin += pause;
                    pause = Math.min(pause * 2, MAX_PAUSE_CYCLES);
                } else {
                    hw.consume(PAUSE_CYCLES);
                    spin += PAUSE_CYCLES;
                }
            }
        }

        @Override
        public void release(int cpu, long owner, TokenMode mode) {
            host.machine().coherence().fetchAdd(cpu, line, 1);
            if (exclOwner == owner) {
                if (--exclCount == 0) {
                    exclOwner = -1;
                }
                return;
            }
            if (mode != TokenMode.SHARED || shared == 0) {
                throw new IllegalStateException(name + ": release by " + owner + " in " + mode + " which holds nothing");
            }
            shared--;
        }

        @Override
        public long spinCycles() {
            return spin;
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }
}
