package org.odonata.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * {@link Records} in an H2 MVStore file (a copy-on-write B-tree with versions): one map from key to value,
 * auto-commit off so commits happen exactly where HAMMER syncs, every version kept so old ones stay readable
 * through {@link MVMap#openVersion}.
 */
final class MvStoreRecords implements Records {

    private final MVStore store;
    private final MVMap<Long, byte[]> map;
    private final Map<Long, MVMap<Long, byte[]>> versions = new HashMap<>();

    MvStoreRecords(Path file) {
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        store.setVersionsToKeep(Integer.MAX_VALUE);
        this.map = store.openMap("records");
    }

    @Override
    public void put(long key, byte[] value, boolean replace) {
        map.put(key, value);
    }

    @Override
    public long commit() {
        return store.commit();
    }

    @Override
    public long get(long key, ValueCheck check) {
        return check.read(map.get(key));
    }

    @Override
    public long getAsOf(long key, long version, ValueCheck check) {
        return check.read(versions.computeIfAbsent(version, map::openVersion).get(key));
    }

    @Override
    public long scan(long from, int n, ValueCheck check) {
        long sum = 0;
        Cursor<Long, byte[]> c = map.cursor(from);
        for (int seen = 0; seen < n && c.hasNext(); seen++) {
            c.next();
            sum += check.read(c.getValue());
        }
        return sum;
    }

    @Override
    public void close() {
        store.close();
    }
}
