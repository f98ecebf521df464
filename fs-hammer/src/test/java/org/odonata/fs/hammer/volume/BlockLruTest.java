package org.odonata.fs.hammer.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The block caches must evict exactly what the access-ordered LinkedHashMap they replaced evicted: which blocks
 * stay cached decides which reads reach the simulated disk, so a different order would change simulated runs.
 */
class BlockLruTest {

    /** Small capacities make small tables, so probe runs often wrap around the table's end. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 64})
    void evictsInTheSameOrderAsAnAccessOrderedLinkedHashMap(int capacity) {
        Map<Long, Integer> model = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
                return size() > capacity;
            }
        };
        BlockLru<Integer> lru = new BlockLru<>(capacity);
        SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 200_000; step++) {
            // keys that share low bits, so probe runs are long and removals shift entries back across them
            long key = random.nextLong(3 * capacity) << 20;
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> assertEquals(model.get(key), lru.get(key), "get at step " + step);
                case 4, 5, 6, 7 -> {
                    model.put(key, step);
                    lru.put(key, step);
                }
                case 8 -> assertEquals(model.remove(key), lru.remove(key), "remove at step " + step);
                default -> {
                    if (random.nextInt(1000) == 0) {
                        model.clear();
                        lru.clear();
                    }
                }
            }
            assertEquals(model.isEmpty(), lru.isEmpty());
        }
        for (long key = 0; key < 3 * capacity; key++) {
            assertEquals(model.get(key << 20), lru.get(key << 20), "key " + key);
        }
    }
}
