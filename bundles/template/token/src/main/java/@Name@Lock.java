package @PACKAGE@;

import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.TokenBase;
import org.odonata.api.sync.kit.TokenWaiter;

/**
 * {@code @NAME@}: a test-and-test-and-set lock on one cache line with randomised exponential backoff. The word is 0
 * when free, n &gt; 0 for n shared holders, -1 for an exclusive holder. A waiter loads the word (a shared read while
 * it is taken), tries its CAS only when the word lets it in, and otherwise backs off for a random number of cycles
 * below a bound that doubles from {@link #MIN_BACKOFF} to {@link #MAX_BACKOFF}. The kit ({@link TokenBase}) keeps
 * the owner and recursion, checks releases, and ends a wait at its budget or on abandon. Change {@link #take} to
 * make it yours.
 */
final class @Name@Lock extends TokenBase<TokenWaiter> {

    static final int MIN_BACKOFF = 32;
    static final int MAX_BACKOFF = 4096;

    private final CacheLine word;
    private final RandomGenerator random;

    @Name@Lock(String name, Machine machine, RandomGenerator random) {
        super(name, machine);
        this.word = memory.allocate("@NAME@:" + name, 0, 0);
        this.random = random;
    }

    @Override
    protected void recheck(int cpu) {
        memory.load(cpu, word);
    }

    @Override
    protected boolean tryTake(int cpu, long owner, TokenMode mode) {
        return grab(cpu, owner, mode, memory.load(cpu, word));
    }

    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        TokenWaiter w = new TokenWaiter(cpu);
        startWait(w, spinBudgetNanos);
        int bound = MIN_BACKOFF;
        try {
            while (!grab(cpu, owner, mode, memory.load(cpu, word))) {
                if (w.expired()) {
                    return false;
                }
                machine.cpu(cpu).consume(1 + random.nextInt(bound));
                bound = Math.min(2 * bound, MAX_BACKOFF);
            }
            return true;
        } finally {
            endWait(w);
        }
    }

    @Override
    protected void releaseExclusive(int cpu) {
        memory.store(cpu, word, 0);
    }

    @Override
    protected boolean releaseShared(int cpu, long owner) {
        return memory.fetchAdd(cpu, word, -1) > 0;
    }

    /** Nothing to do: a backing-off waiter looks at {@link TokenWaiter#expired()} after every pause. */
    @Override
    protected void wake(TokenWaiter w) {
    }

    /** One CAS, tried only when the word seen lets this mode in. */
    private boolean grab(int cpu, long owner, TokenMode mode, long seen) {
        if (mode == TokenMode.SHARED) {
            return seen >= 0 && memory.compareAndSet(cpu, word, seen, seen + 1);
        }
        if (seen == 0 && memory.compareAndSet(cpu, word, 0, -1)) {
            own(owner);
            return true;
        }
        return false;
    }
}
