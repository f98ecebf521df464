package org.odonata.verifier.samples;

import java.util.ArrayDeque;
import java.util.random.RandomGenerator;

/** What simulated code may do: plain data structures, seeded randomness it is given, arithmetic. */
public class Clean {
    private final ArrayDeque<Long> queue = new ArrayDeque<>();
    private final RandomGenerator random;

    public Clean(RandomGenerator random) {
        this.random = random;
    }

    public long next() {
        queue.add(random.nextLong());
        return queue.isEmpty() ? 0 : queue.poll() * 31 + queue.size();
    }
}
