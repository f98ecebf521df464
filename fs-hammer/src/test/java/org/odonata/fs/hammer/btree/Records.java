package org.odonata.fs.hammer.btree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Keys and records the B-tree tests insert: localization 2, record type 0x10, spread over 97 objects. */
final class Records {

    static final int LOC = 0x2;
    static final int REC = 0x10;

    private Records() {
    }

    static BTreeKey key(long obj, long k, long tid) {
        return new BTreeKey(LOC, obj, REC, k, tid);
    }

    static BTreeElement record(BTreeKey k) {
        return BTreeElement.record(k, 2, 0, 0, 0, 0);
    }

    /** Inserts keys {@code from..to-1} (key i of object i % 97, created at TID 100 + i) in a seeded order; returns them sorted. */
    static List<BTreeKey> insertShuffled(BTree tree, int from, int to, long seed) {
        List<BTreeKey> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
            keys.add(key(i % 97, i, 100 + i));
        }
        Collections.shuffle(keys, new Random(seed));
        for (BTreeKey k : keys) {
            tree.insert(record(k));
        }
        Collections.sort(keys);
        return keys;
    }
}
