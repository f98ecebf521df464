package @PACKAGE@;

import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.Coherence;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;

/**
 * {@code @NAME@}: a test-and-test-and-set lock on one cache line with randomised exponential backoff. The word is 0
 * when free, n &gt; 0 for n shared holders, -1 for an exclusive holder. A waiter loads the word (a shared read while
 * it is taken), tries its CAS only when the word lets it in, and otherwise backs off for a random number of cycles
 * below a bound that doubles from {@link #MIN_BACKOFF} to {@link #MAX_BACKOFF}. Start here: change
 * {@link #acquire} to make it yours.
 */
final class @Name@Lock implements TokenLock {

    static final int MIN_BACKOFF = 32;
    static final int MAX_BACKOFF = 4096;
    private static final long NONE = Long.MIN_VALUE;

    private final String name;
    private final Machine machine;
    private final Coherence memory;
    private final CacheLine word;
    private final RandomGenerator random;
    /** The exclusive holder and its extra holds: only the holder reads them, so they are not priced. */
    private long owner = NONE;
    private int recursion;
    /** Bumped by {@link #abandon()}: acquires that started before give up. */
    private long generation;
    private long spinCycles;

    @Name@Lock(String name, Machine machine, RandomGenerator random) {
        this.name = name;
        this.machine = machine;
        this.memory = machine.coherence();
        this.word = memory.allocate("@NAME@:" + name, 0, 0);
        this.random = random;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tryAcquire(int cpu, long owner, TokenMode mode) {
        return reenter(owner) || grab(cpu, owner, mode, memory.load(cpu, word));
    }

    @Override
    public boolean acquire(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        if (reenter(owner)) {
            return true;
        }
        long start = machine.engine().now();
        long deadline = spinBudgetNanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + spinBudgetNanos;
        long mine = generation;
        int bound = MIN_BACKOFF;
        while (true) {
            if (grab(cpu, owner, mode, memory.load(cpu, word))) {
                return true;
            }
            if (generation != mine || machine.engine().now() >= deadline) {
                return false;
            }
            long pause = 1 + random.nextInt(bound);
            machine.cpu(cpu).consume(pause);
            spinCycles += pause;
            bound = Math.min(2 * bound, MAX_BACKOFF);
        }
    }

    @Override
    public void release(int cpu, long owner, TokenMode mode) {
        if (this.owner == owner) {
            if (recursion > 0) {
                recursion--;
                return;
            }
            this.owner = NONE;
            memory.store(cpu, word, 0);
        } else if (mode == TokenMode.SHARED) {
            memory.fetchAdd(cpu, word, -1);
        } else {
            throw new IllegalStateException(name + ": " + owner + " releases an exclusive hold it does not have");
        }
    }

    @Override
    public long spinCycles() {
        return spinCycles;
    }

    @Override
    public void abandon() {
        generation++;
    }

    /** The exclusive holder asking again, in either mode, always gets it. */
    private boolean reenter(long owner) {
        if (this.owner == owner) {
            recursion++;
            return true;
        }
        return false;
    }

    /** One CAS, tried only when the word seen lets this mode in. */
    private boolean grab(int cpu, long owner, TokenMode mode, long seen) {
        if (mode == TokenMode.SHARED) {
            return seen >= 0 && memory.compareAndSet(cpu, word, seen, seen + 1);
        }
        if (seen == 0 && memory.compareAndSet(cpu, word, 0, -1)) {
            this.owner = owner;
            return true;
        }
        return false;
    }
}
