package org.odonata.fs.hammer.crash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The expected namespace and file contents of a workload, updated operation by operation in lock step with
 * the real filesystem: it says which operations are valid, decides the bytes each one writes, and performs
 * it on the filesystem with exactly those arguments. Hard links share an inode, so a write through one name
 * shows through the other.
 * <p>
 * Cost: files are a few tens of KB, so a {@link #view()} copies every file's bytes; a workload takes one
 * view per step.
 */
public final class FsModel {

    /** Bytes an append adds. Overwrites cross the 16 KB block edge; truncation cuts into the first block. */
    public static final int APPEND_BYTES = 5_000;
    public static final int OVERWRITE_OFFSET = 10_000;
    public static final int OVERWRITE_BYTES = 12_000;
    public static final int TRUNCATE_SIZE = 6_000;

    /** The expected state at one instant. */
    public record View(Map<String, byte[]> files, Set<String> dirs, Map<String, Integer> inodes,
            List<String> snapshots) {

        /** What {@code path} names in this state, or {@code null}. */
        public TargetFs.Kind kind(String path) {
            return files.containsKey(path) ? TargetFs.Kind.FILE
                    : dirs.contains(path) ? TargetFs.Kind.DIRECTORY : null;
        }
    }

    private final Set<String> dirs = new TreeSet<>(List.of("/"));
    private final Map<String, Integer> links = new TreeMap<>();
    private final Map<Integer, byte[]> inodes = new HashMap<>();
    private final List<String> snapshots = new ArrayList<>();
    private int nextInode;

    /** Whether {@code op} can run now (sources exist, targets are free, parents exist, dirs are empty). */
    public boolean valid(FsOp op) {
        return switch (op) {
            case FsOp.Create c -> free(c.path());
            case FsOp.Mkdir m -> free(m.path());
            case FsOp.Write w -> links.containsKey(w.path());
            case FsOp.Overwrite o -> links.containsKey(o.path());
            case FsOp.Truncate t -> links.containsKey(t.path());
            case FsOp.Link l -> links.containsKey(l.existing()) && free(l.path());
            case FsOp.Unlink u -> links.containsKey(u.path());
            case FsOp.Rename r -> links.containsKey(r.from()) && !r.from().equals(r.to())
                    && (links.containsKey(r.to()) || free(r.to()));
            case FsOp.Rmdir d -> dirs.contains(d.path()) && !d.path().equals("/") && children(d.path()).isEmpty();
            case FsOp.Snapshot s -> !snapshots.contains(s.label());
        };
    }

    /**
     * Applies {@code op} here and, with the same arguments, on {@code fs} (unless {@code null}); {@code tag}
     * makes the written bytes unique to this step.
     */
    public void apply(FsOp op, int tag, TargetFs.Mounted fs) {
        if (!valid(op)) {
            throw new IllegalArgumentException(op + " is not valid in " + links.keySet() + " " + dirs);
        }
        switch (op) {
            case FsOp.Create c -> {
                links.put(c.path(), nextInode);
                inodes.put(nextInode++, new byte[0]);
                if (fs != null) {
                    fs.create(c.path());
                }
            }
            case FsOp.Mkdir m -> {
                dirs.add(m.path());
                if (fs != null) {
                    fs.mkdir(m.path());
                }
            }
            case FsOp.Write w -> write(fs, w.path(), content(w.path()).length, pattern(tag, APPEND_BYTES));
            case FsOp.Overwrite o -> write(fs, o.path(), OVERWRITE_OFFSET, pattern(tag, OVERWRITE_BYTES));
            case FsOp.Truncate t -> {
                int inode = links.get(t.path());
                inodes.put(inode, Arrays.copyOf(inodes.get(inode), TRUNCATE_SIZE));
                if (fs != null) {
                    fs.truncate(t.path(), TRUNCATE_SIZE);
                }
            }
            case FsOp.Link l -> {
                links.put(l.path(), links.get(l.existing()));
                if (fs != null) {
                    fs.link(l.existing(), l.path());
                }
            }
            case FsOp.Unlink u -> {
                unlink(u.path());
                if (fs != null) {
                    fs.unlink(u.path());
                }
            }
            case FsOp.Rename r -> {
                int inode = links.get(r.from());
                Integer replaced = links.get(r.to());
                // POSIX: renaming one link of a file onto another link of the same file does nothing
                if (replaced == null || replaced != inode) {
                    if (replaced != null) {
                        unlink(r.to());
                    }
                    links.remove(r.from());
                    links.put(r.to(), inode);
                }
                if (fs != null) {
                    fs.rename(r.from(), r.to());
                }
            }
            case FsOp.Rmdir d -> {
                dirs.remove(d.path());
                if (fs != null) {
                    fs.rmdir(d.path());
                }
            }
            case FsOp.Snapshot s -> {
                snapshots.add(s.label());
                if (fs != null) {
                    fs.snapshot(s.label());
                }
            }
        }
    }

    /** The current state; later operations do not change it. */
    public View view() {
        Map<String, byte[]> files = new TreeMap<>();
        links.forEach((path, inode) -> files.put(path, inodes.get(inode).clone()));
        return new View(files, Set.copyOf(dirs), Map.copyOf(links), List.copyOf(snapshots));
    }

    /** Paths currently in directory {@code dir}. */
    public List<String> children(String dir) {
        List<String> result = new ArrayList<>();
        for (String path : links.keySet()) {
            if (parentOf(path).equals(dir)) {
                result.add(path);
            }
        }
        for (String path : dirs) {
            if (!path.equals("/") && parentOf(path).equals(dir)) {
                result.add(path);
            }
        }
        return result;
    }

    public boolean exists(String path) {
        return links.containsKey(path) || dirs.contains(path);
    }

    /** The directory holding {@code path}; "/" for a top-level name. */
    public static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /**
     * Bytes unique to {@code tag}: no zero bytes (so a hole never passes for written data) and a period
     * of 251, so a byte shifted by a block would not match either.
     */
    public static byte[] pattern(int tag, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (1 + (tag * 37 + i) % 251);
        }
        return b;
    }

    private boolean free(String path) {
        return !exists(path) && dirs.contains(parentOf(path));
    }

    private byte[] content(String path) {
        return inodes.get(links.get(path));
    }

    private void write(TargetFs.Mounted fs, String path, int offset, byte[] data) {
        int inode = links.get(path);
        byte[] old = inodes.get(inode);
        byte[] updated = Arrays.copyOf(old, Math.max(old.length, offset + data.length));
        System.arraycopy(data, 0, updated, offset, data.length);
        inodes.put(inode, updated);
        if (fs != null) {
            fs.write(path, offset, data);
        }
    }

    private void unlink(String path) {
        int inode = links.remove(path);
        if (!links.containsValue(inode)) {
            inodes.remove(inode);
        }
    }
}
