package org.odonata.fs.hammer.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.odonata.fs.hammer.object.DirHash;

/** Names brute-forced to share one namekey, for tests of the collision range (hammer_ip_add_direntry). */
public final class Collisions {

    private static final char[] SEPARATORS = {'.', '-', '_', '~'};

    private Collisions() {
    }

    /**
     * {@code count} names with the same namekey in {@code hash}, the first found in a fixed enumeration. ALG1: "ab"
     * followed by separators, whose empty segments leave the high word alone, so only the 16 bits of the whole name's
     * CRC must collide (a few thousand names for three); ALG0: a pair brute-forced once over "n0", "n1", ... (the
     * enumeration met its first 31-bit collision only after 2 million names, too slow for a unit test).
     */
    public static List<String> names(DirHash hash, int count) {
        if (hash == DirHash.ALG0) {
            if (count != 2) {
                throw new IllegalArgumentException("only a pair of ALG0 names is known");
            }
            return List.of("n1371838", "n2000402");
        }
        Map<Long, List<String>> byKey = new HashMap<>();
        for (long i = 0;; i++) {
            String name = "ab" + separators(i);
            List<String> same = byKey.computeIfAbsent(hash.namekey(name), k -> new ArrayList<>());
            same.add(name);
            if (same.size() == count) {
                return same;
            }
        }
    }

    /** The i-th string of separators, shortest first (bijective base 4). */
    private static String separators(long i) {
        StringBuilder s = new StringBuilder();
        for (long n = i; n > 0; n = (n - 1) / 4) {
            s.append(SEPARATORS[(int) ((n - 1) % 4)]);
        }
        return s.toString();
    }
}
