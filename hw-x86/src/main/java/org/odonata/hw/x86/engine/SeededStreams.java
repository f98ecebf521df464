package org.odonata.hw.x86.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.odonata.api.engine.RandomStreams;

/**
 * Named random streams derived from one seed: stream(name) is a {@link SplittableRandom} seeded with
 * {@code mix64(seed ^ fnv1a64(utf8(name)))}, created on first use and cached, so adding a stream never
 * changes what another stream draws, and the same (seed, name) gives the same values on every JVM.
 * Cost: one hash of the name and one map lookup per {@link #stream} call; drawing is SplittableRandom's.
 */
public final class SeededStreams implements RandomStreams {

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long seed;
    private final Map<String, SplittableRandom> streams = new HashMap<>();

    public SeededStreams(long seed) {
        this.seed = seed;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public RandomGenerator stream(String name) {
        Objects.requireNonNull(name, "name");
        return streams.computeIfAbsent(name, n -> new SplittableRandom(mix64(seed ^ fnv1a64(n))));
    }

    /** 64-bit FNV-1a over the UTF-8 bytes: stable across JVMs, unlike {@link String#hashCode()} widened. */
    static long fnv1a64(String name) {
        long hash = FNV_OFFSET_BASIS;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** SplitMix64's finaliser (Stafford variant 13): nearby seeds give unrelated streams. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
