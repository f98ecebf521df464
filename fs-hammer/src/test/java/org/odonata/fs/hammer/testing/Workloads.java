package org.odonata.fs.hammer.testing;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.odonata.fs.hammer.fs.HammerFs;

/** Workloads shared by the checker, prune and reblock tests. */
public final class Workloads {

    private Workloads() {
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every kind of change, several flush groups and a tree several levels deep: directories, small and large
     * files, overwrites, truncations, hard links, unlinks, renames (of files and directories), an rmdir and two
     * snapshots, synced at the end.
     */
    public static void mixed(HammerFs fs, int files) {
        Random rnd = new Random(7);
        fs.mkdir("/src");
        fs.mkdir("/src/sub");
        fs.mkdir("/tmp");
        for (int i = 0; i < files; i++) {
            String p = (i % 3 == 0 ? "/src/sub/f" : "/src/f") + i;
            fs.create(p);
            byte[] data = new byte[i % 5 == 0 ? 70_000 + rnd.nextInt(30_000) : 1 + rnd.nextInt(3000)];
            rnd.nextBytes(data);
            fs.write(p, 0, data);
            if (i % 7 == 0) {
                fs.sync();
            }
        }
        fs.snapshot("before");
        for (int i = 0; i < files; i += 4) {
            String p = (i % 3 == 0 ? "/src/sub/f" : "/src/f") + i;
            fs.write(p, 100, bytes("overwritten " + i));
            if (i % 8 == 0) {
                fs.truncate(p, 50);
            }
        }
        fs.link("/src/f1", "/tmp/link1");
        fs.unlink("/src/f2");
        fs.rename("/src/f4", "/tmp/moved4");
        fs.mkdir("/tmp/gone");
        fs.sync();
        fs.rmdir("/tmp/gone");
        fs.rename("/src/sub", "/tmp/sub");
        fs.snapshot("after");
        fs.write("/src/f1", 0, bytes("after the last snapshot"));
        fs.sync();
    }
}
