package org.odonata.fs.hammer.crash;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a mounted filesystem shows through its public file API: a walk from the root that lists every
 * directory, asks the kind of every name and reads every file whole. This is the checker of last resort:
 * any exception it meets means the recovered filesystem is unusable.
 * <p>
 * Cost: reads every byte of every file once; crash volumes hold a few files of tens of KB.
 *
 * @param files     file path to content
 * @param dirs      directory paths, "/" included
 * @param snapshots snapshot labels, oldest first
 */
public record FsWalk(Map<String, byte[]> files, Set<String> dirs, List<String> snapshots) {

    /** Walks {@code fs} from "/"; gives up on names nested deeper than any workload creates. */
    public static FsWalk of(TargetFs.Mounted fs) {
        Map<String, byte[]> files = new TreeMap<>();
        Set<String> dirs = new TreeSet<>();
        walk(fs, "/", files, dirs, 0);
        return new FsWalk(files, dirs, List.copyOf(fs.snapshots()));
    }

    public TargetFs.Kind kind(String path) {
        return files.containsKey(path) ? TargetFs.Kind.FILE
                : dirs.contains(path) ? TargetFs.Kind.DIRECTORY : null;
    }

    private static void walk(TargetFs.Mounted fs, String dir, Map<String, byte[]> files, Set<String> dirs,
            int depth) {
        if (depth > 8) {
            throw new IllegalStateException("directory nesting deeper than 8 at " + dir + ": a cycle?");
        }
        dirs.add(dir);
        for (String name : fs.list(dir)) {
            String path = dir.equals("/") ? "/" + name : dir + "/" + name;
            TargetFs.Kind kind = fs.kind(path);
            if (kind == null) {
                throw new IllegalStateException(dir + " lists " + name + " but " + path + " does not resolve");
            }
            if (kind == TargetFs.Kind.DIRECTORY) {
                walk(fs, path, files, dirs, depth + 1);
            } else {
                files.put(path, fs.read(path));
            }
        }
    }
}
