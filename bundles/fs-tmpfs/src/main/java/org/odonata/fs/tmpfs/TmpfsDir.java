package org.odonata.fs.tmpfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.api.fs.DirRecord;

/**
 * A directory's entries ({@code struct tmpfs_dir}): found by name through a hash, listed in creation order by
 * cookie. Each entry's cookie is a per-directory sequence number, so a {@code readdir} in progress continues
 * correctly across creations and removals. {@code .} and {@code ..} are not stored.
 */
final class TmpfsDir {

    private record Name(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Name n && Arrays.equals(n.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private record Dirent(byte[] name, TmpfsNode node, long cookie) {
    }

    private final Map<Name, Dirent> byName = new HashMap<>();
    private final TreeMap<Long, Dirent> byCookie = new TreeMap<>();
    private long nextCookie;

    TmpfsNode lookup(byte[] name) {
        Dirent d = byName.get(new Name(name));
        return d == null ? null : d.node();
    }

    void attach(byte[] name, TmpfsNode node) {
        Dirent d = new Dirent(name.clone(), node, nextCookie++);
        byName.put(new Name(d.name()), d);
        byCookie.put(d.cookie(), d);
    }

    /** Removes the entry; returns the node it named, or null. */
    TmpfsNode detach(byte[] name) {
        Dirent d = byName.remove(new Name(name));
        if (d == null) {
            return null;
        }
        byCookie.remove(d.cookie());
        return d.node();
    }

    int size() {
        return byName.size();
    }

    List<DirRecord> from(long cookie, int max) {
        List<DirRecord> out = new ArrayList<>(Math.min(max, byCookie.size()));
        for (Dirent d : byCookie.tailMap(cookie, true).values()) {
            if (out.size() == max) {
                break;
            }
            out.add(new DirRecord(d.name(), d.node().ino(), d.node().type(), d.cookie() + 1));
        }
        return out;
    }

    List<TmpfsNode> nodes() {
        List<TmpfsNode> out = new ArrayList<>(byCookie.size());
        for (Dirent d : byCookie.values()) {
            out.add(d.node());
        }
        return out;
    }
}
