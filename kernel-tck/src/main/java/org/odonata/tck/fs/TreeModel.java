package org.odonata.tck.fs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a filesystem should hold after the operations so far: directories, regular files (a content shared by
 * hard links) and symbolic links, by absolute path.
 */
final class TreeModel {

    /** A regular file's content, shared by its links. */
    static final class Content {
        byte[] bytes = new byte[0];
        int links = 1;
    }

    /** A directory ({@code null} content and target), a file, or a symbolic link. */
    record Entry(Content file, byte[] target) {
        boolean dir() {
            return file == null && target == null;
        }
    }

    private final Map<String, Entry> paths = new TreeMap<>();

    TreeModel(String root) {
        paths.put(root, new Entry(null, null));
    }

    Entry get(String path) {
        return paths.get(path);
    }

    boolean isDir(String path) {
        Entry e = paths.get(path);
        return e != null && e.dir();
    }

    static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The names in a directory, sorted. */
    List<String> children(String dir) {
        List<String> out = new ArrayList<>();
        for (String p : paths.keySet()) {
            if (p.startsWith(dir + "/") && p.indexOf('/', dir.length() + 1) < 0) {
                out.add(name(p));
            }
        }
        return out;
    }

    void put(String path, Entry e) {
        paths.put(path, e);
    }

    void remove(String path) {
        Entry e = paths.remove(path);
        if (e != null && e.file() != null) {
            e.file().links--;
        }
    }

    /** Moves {@code from} (and, for a directory, everything under it) to {@code to}, replacing a file at {@code to}. */
    void rename(String from, String to) {
        remove(to);
        Map<String, Entry> moved = new TreeMap<>();
        for (var it = paths.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().equals(from) || e.getKey().startsWith(from + "/")) {
                moved.put(to + e.getKey().substring(from.length()), e.getValue());
                it.remove();
            }
        }
        paths.putAll(moved);
    }

    /** Writes {@code data} at {@code offset} into a file's content, extending it with zeros as needed. */
    static void write(Content c, long offset, byte[] data) {
        int end = (int) Math.max(c.bytes.length, offset + data.length);
        byte[] b = Arrays.copyOf(c.bytes, end);
        System.arraycopy(data, 0, b, (int) offset, data.length);
        c.bytes = b;
    }

    static void truncate(Content c, long length) {
        c.bytes = Arrays.copyOf(c.bytes, (int) length);
    }
}
