package org.odonata.sync.ttas;

import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.odonata.api.sync.kit.WordToken;

/**
 * A token as a test-and-test-and-set lock with randomized exponential backoff (Anderson 1990; Herlihy and Shavit,
 * <i>The Art of Multiprocessor Programming</i>, §7.4 {@code BackoffLock}), written with the token kit. A waiter
 * spins reading its cached copy of the word until the lock looks free (the test), then tries a CAS (the
 * test-and-set); a failed CAS means another CPU got there first, so it backs off for a random number of cycles
 * below a limit that doubles with each failure, from {@link #MIN_BACKOFF} to {@link #MAX_BACKOFF}, drawn from the
 * implementation's seeded stream. No order is kept: the CPU nearest the releaser tends to win. The word and the
 * spinning are the kit's {@link WordToken}; this class is the backoff.
 */
final class TtasToken extends WordToken {

    static final long MIN_BACKOFF = 64;
    static final long MAX_BACKOFF = 8_192;

    private final RandomGenerator random;

    TtasToken(String name, Machine machine, RandomGenerator random) {
        super(name, machine, "ttas:" + name);
        this.random = random;
    }

    /** Up to MIN_BACKOFF × 2^(failures − 1) cycles, at most MAX_BACKOFF. */
    @Override
    protected void backOff(int cpu, int failures) {
        long limit = Math.min(MIN_BACKOFF << Math.min(failures - 1, 20), MAX_BACKOFF);
        machine.cpu(cpu).consume(1 + random.nextLong(limit));
    }
}
