package org.odonata.fs.hammer.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Node locks and cached blocks are found through LongMap: it must answer as a HashMap would. */
class LongMapTest {

    @Test
    void answersAsAHashMapThroughGrowthAndRemovalsInsideProbeRuns() {
        Map<Long, Integer> model = new HashMap<>();
        LongMap<Integer> map = new LongMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            // 4 KB-aligned keys, as node offsets are; the key range lets the map grow and shrink back
            long key = random.nextLong(step < 100_000 ? 400 : 40) << 12;
            switch (random.nextInt(3)) {
                case 0 -> assertEquals(model.get(key), map.get(key), "get at step " + step);
                case 1 -> {
                    model.put(key, step);
                    map.put(key, step);
                }
                default -> assertEquals(model.remove(key), map.remove(key), "remove at step " + step);
            }
            assertEquals(model.size(), map.size(), "size at step " + step);
        }
        for (long key = 0; key < 400; key++) {
            assertEquals(model.get(key << 12), map.get(key << 12), "key " + key);
        }
        map.clear();
        assertEquals(0, map.size());
        assertEquals(null, map.get(0));
    }
}
