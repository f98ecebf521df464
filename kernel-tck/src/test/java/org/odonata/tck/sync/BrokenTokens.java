package org.odonata.tck.sync;

import java.util.function.BiFunction;

import org.odonata.api.machine.Machine;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.odonata.api.sync.kit.WordToken;

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
    static final class SharedSerialized extends WordToken {
        SharedSerialized(String name, Machine machine) {
            super(name, machine, "broken:" + name);
        }

        @Override
        protected boolean free(long word, TokenMode mode) {
            return (word & 0xFFFF_FFFFL) == 0;
        }
    }

    /** Never gives up at its budget (only when abandoned). */
    static final class IgnoresBudget extends WordToken {
        IgnoresBudget(String name, Machine machine) {
            super(name, machine, "broken:" + name);
        }

        @Override
        protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
            return super.take(cpu, owner, mode, Long.MAX_VALUE);
        }
    }

    /** Forgets every fifth exclusive release: the token stays held by nobody. */
    static final class LeaksReleases extends WordToken {
        private int releases;

        LeaksReleases(String name, Machine machine) {
            super(name, machine, "broken:" + name);
        }

        @Override
        protected void releaseExclusive(int cpu) {
            if (++releases % 5 != 0) {
                super.releaseExclusive(cpu);
            }
        }
    }
}
