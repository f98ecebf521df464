package org.odonata.tck.sync;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.odonata.api.sync.kit.TokenBase;
import org.odonata.api.sync.kit.TokenWaiter;

/**
 * Test-and-set tokens on one line, written with the token kit: what the kits boot a kernel with and swap an
 * implementation with. The word's low 32 bits are the holds (a reader count, or all ones for an exclusive
 * holder); a waiter spins until the word changes, and its deadline wakes it by adding to the upper bits.
 */
public final class ReferenceTokens implements TokenAlgorithmFactory {

    public static final String NAME = "tck-tas";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-and-set tokens on the token kit: the conformance kits' reference";
    }

    @Override
    public TokenAlgorithm create() {
        return new PerTokenAlgorithm(NAME, (name, host) -> new TasToken(name, host.machine()));
    }

    static final class TasToken extends TokenBase<TokenWaiter> {

        private static final long HOLDS = 0xFFFF_FFFFL;
        private static final long EXCLUSIVE = HOLDS;
        private static final long WAKE_ONE = 1L << 32;

        private final CacheLine line;

        TasToken(String name, Machine machine) {
            super(name, machine);
            this.line = memory.allocate("tas:" + name, 0, 0);
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
        protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
            TokenWaiter w = null;
            long word = memory.load(cpu, line);
            try {
                while (true) {
                    if (free(word, mode)) {
                        if (taken(cpu, owner, mode, word)) {
                            return true;
                        }
                        word = memory.load(cpu, line);
                        continue;
                    }
                    if (w == null) {
                        w = new TokenWaiter(cpu);
                        startWait(w, spinBudgetNanos);
                    }
                    if (w.expired()) {
                        return false;
                    }
                    word = memory.spinUntilChanged(cpu, line, word);
                }
            } finally {
                if (w != null) {
                    endWait(w);
                }
            }
        }

        @Override
        protected void releaseExclusive(int cpu) {
            memory.fetchAdd(cpu, line, -EXCLUSIVE);
        }

        @Override
        protected boolean releaseShared(int cpu, long owner) {
            long holds = memory.fetchAdd(cpu, line, -1) & HOLDS;
            return holds != 0 && holds != EXCLUSIVE;
        }

        @Override
        protected void wake(TokenWaiter w) {
            memory.fetchAdd(w.cpu, line, WAKE_ONE);
        }

        private static boolean free(long word, TokenMode mode) {
            long holds = word & HOLDS;
            return mode == TokenMode.SHARED ? holds != EXCLUSIVE : holds == 0;
        }

        /** One CAS from {@code word} to the word with this hold added. */
        private boolean taken(int cpu, long owner, TokenMode mode, long word) {
            if (!memory.compareAndSet(cpu, line, word, word + (mode == TokenMode.SHARED ? 1 : EXCLUSIVE))) {
                return false;
            }
            if (mode == TokenMode.EXCLUSIVE) {
                own(owner);
            }
            return true;
        }
    }
}
