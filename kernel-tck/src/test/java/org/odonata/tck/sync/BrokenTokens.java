package org.odonata.tck.sync;

import java.util.function.BiFunction;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.odonata.api.sync.kit.TokenBase;
import org.odonata.api.sync.kit.TokenWaiter;

/** Token implementations with one deliberate bug each: the kit must name the property each breaks. */
final class BrokenTokens {

    private BrokenTokens() {
    }

    static TokenAlgorithmFactory factory(String name, boolean sharedCoexist,
            BiFunction<String, SyncHost, TokenLock> make) {
        return new TokenAlgorithmFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "broken on purpose: " + name;
            }

            @Override
            public TokenAlgorithm create() {
                return new PerTokenAlgorithm(name, make);
            }

            @Override
            public boolean sharedHoldersCoexist() {
                return sharedCoexist;
            }
        };
    }

    /** The reference test-and-set lock with one step changed. */
    abstract static class Tas extends TokenBase<TokenWaiter> {
        static final long HOLDS = 0xFFFF_FFFFL;
        static final long WAKE_ONE = 1L << 32;
        final CacheLine line;

        Tas(String name, Machine machine) {
            super(name, machine);
            line = memory.allocate("broken:" + name, 0, 0);
        }

        boolean free(long word, TokenMode mode) {
            long holds = word & HOLDS;
            return mode == TokenMode.SHARED ? holds != HOLDS : holds == 0;
        }

        boolean taken(int cpu, long owner, TokenMode mode, long word) {
            boolean ok = memory.compareAndSet(cpu, line, word, word + (mode == TokenMode.SHARED ? 1 : HOLDS));
            if (ok && mode == TokenMode.EXCLUSIVE) {
                own(owner);
            }
            return ok;
        }

        @Override
        protected void recheck(int cpu) {
            memory.load(cpu, line);
        }

        @Override
        protected boolean tryTake(int cpu, long owner, TokenMode mode) {
            long word = memory.load(cpu, line);
            return free(word, mode) && taken(cpu, owner, mode, word);
        }

        @Override
        protected boolean take(int cpu, long owner, TokenMode mode, long budget) {
            TokenWaiter w = new TokenWaiter(cpu);
            startWait(w, budget);
            try {
                long word = memory.load(cpu, line);
                while (true) {
                    if (free(word, mode)) {
                        if (taken(cpu, owner, mode, word)) {
                            return true;
                        }
                        word = memory.load(cpu, line);
                    } else if (givesUp(w)) {
                        return false;
                    } else {
                        word = memory.spinUntilChanged(cpu, line, word);
                    }
                }
            } finally {
                endWait(w);
            }
        }

        boolean givesUp(TokenWaiter w) {
            return w.expired();
        }

        @Override
        protected void releaseExclusive(int cpu) {
            memory.fetchAdd(cpu, line, -HOLDS);
        }

        @Override
        protected boolean releaseShared(int cpu, long owner) {
            return (memory.fetchAdd(cpu, line, -1) & HOLDS) != 0;
        }

        @Override
        protected void wake(TokenWaiter w) {
            memory.fetchAdd(w.cpu, line, WAKE_ONE);
        }
    }

    /** Grants every request at once and forgets every release: no lock at all. */
    static final class NoLock implements TokenLock {
        private final String name;

        NoLock(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
            return true;
        }

        @Override
        public boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
            return true;
        }

        @Override
        public void release(int cpu, long owner, TokenMode mode) {
        }

        @Override
        public long spinCycles() {
            return 0;
        }

        @Override
        public void abandon() {
        }
    }

    /** Serializes shared requests as if exclusive, while its factory claims shared holders coexist. */
    static final class SharedSerialized extends Tas {
        SharedSerialized(String name, Machine machine) {
            super(name, machine);
        }

        @Override
        boolean free(long word, TokenMode mode) {
            return (word & HOLDS) == 0;
        }
    }

    /** Never gives up: spins past its budget and through abandon(). */
    static final class IgnoresBudget extends Tas {
        IgnoresBudget(String name, Machine machine) {
            super(name, machine);
        }

        @Override
        boolean givesUp(TokenWaiter w) {
            return false;
        }
    }

    /** Forgets every fifth exclusive release: the token stays held by nobody. */
    static final class LeaksReleases extends Tas {
        private int releases;

        LeaksReleases(String name, Machine machine) {
            super(name, machine);
        }

        @Override
        protected void releaseExclusive(int cpu) {
            if (++releases % 5 != 0) {
                super.releaseExclusive(cpu);
            }
        }
    }
}
