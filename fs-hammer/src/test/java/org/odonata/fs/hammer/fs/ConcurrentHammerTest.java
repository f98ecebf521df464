package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.SimThread;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.lock.LockStats;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.EngineThreads;
import org.odonata.hw.x86.disk.Disks;
import org.odonata.hw.x86.engine.Engines;

/**
 * Several simulated threads on one mount, as processes under a VFS would be: writers change their own files and
 * a shared directory, readers list and read everything, and a flusher thread syncs, all on an NVMe disk whose
 * I/O suspends the caller, so the threads interleave wherever one waits for the disk. The caches start cold (the
 * volume is remounted), so searches wait for nodes with node locks held: the inode, node and flush locks are
 * exercised, and afterwards every thread's files hold exactly what it wrote, the shared directory exactly the
 * names still created, and the volume checks clean, before and after a remount.
 */
class ConcurrentHammerTest {

    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int OPS = 120;
    private static final int OLD = 300;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void writersReadersAndTheFlusherInterleaveAndEveryAcknowledgedChangeIsThere(long seed) {
        Engine engine = Engines.create(EngineKind.CONTINUATION, seed);
        BlockDevice dev = Disks.open(new DiskSpec("nvme", DiskKind.NVME, 64L << 20, 512, null, false), engine);
        EngineThreads threads = new EngineThreads(engine);
        MountOptions options = MountOptions.defaults().withThreads(threads);
        HammerFs setup = HammerFs.newfs(dev, new NewfsOptions(64 * 1024, 8), options);
        setup.mkdir("/shared");
        for (int w = 0; w < WRITERS; w++) {
            setup.mkdir("/w" + w);
            for (int i = 0; i < OLD; i++) {
                setup.create("/w" + w + "/old" + i);
                setup.write("/w" + w + "/old" + i, 0, bytes(w * 1000 + i, 200));
            }
        }
        setup.close();
        HammerFs fs = HammerFs.mount(dev, options);

        List<Map<String, byte[]>> files = new ArrayList<>();
        List<TreeSet<String>> shared = new ArrayList<>();
        List<SimThread> all = new ArrayList<>();
        boolean[] writing = {true};
        int[] writersLeft = {WRITERS};
        for (int w = 0; w < WRITERS; w++) {
            Map<String, byte[]> mine = new TreeMap<>();
            for (int i = 0; i < OLD; i++) {
                mine.put("/w" + w + "/old" + i, bytes(w * 1000 + i, 200));
            }
            TreeSet<String> names = new TreeSet<>();
            files.add(mine);
            shared.add(names);
            int id = w;
            SplittableRandom rnd = new SplittableRandom(seed * 31 + w);
            all.add(engine.spawn("writer" + w, () -> {
                writer(fs, id, rnd, mine, names);
                if (--writersLeft[0] == 0) {
                    writing[0] = false;
                }
            }));
        }
        for (int r = 0; r < READERS; r++) {
            SplittableRandom rnd = new SplittableRandom(seed * 77 + r);
            all.add(engine.spawn("reader" + r, () -> reader(fs, engine, rnd, writing)));
        }
        all.add(engine.spawn("flusher", () -> {
            while (writing[0]) {
                engine.sleep(200_000);
                fs.sync();
            }
        }));
        engine.runUntilIdle();
        for (SimThread t : all) {
            assertNull(t.failure(), () -> t.name() + " failed: " + t.failure());
        }

        LockStats stats = fs.lockStats();
        // Only contention is certain here: EDEADLK needs a sharer suspended on the disk at the very moment of an
        // upgrade, which this workload's warm caches rarely give; BTreeLockTest pins EDEADLK and its retry.
        assertTrue(stats.contentions() > 0, "threads slept on locks: " + stats);
        verify(fs, files, shared);
        fs.close();
        HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
        verify(again, files, shared);
    }

    private static void writer(HammerFs fs, int w, SplittableRandom rnd, Map<String, byte[]> mine,
            TreeSet<String> names) {
        String dir = "/w" + w;
        for (int op = 0; op < OPS; op++) {
            int kind = rnd.nextInt(10);
            String file = dir + "/f" + rnd.nextInt(6);
            if (kind < 4) {
                if (!mine.containsKey(file)) {
                    fs.create(file);
                    mine.put(file, new byte[0]);
                }
                long off = rnd.nextInt(40_000);
                byte[] data = bytes(rnd.nextInt(), 1 + rnd.nextInt(30_000));
                fs.write(file, off, data);
                byte[] old = mine.get(file);
                byte[] now = Arrays.copyOf(old, (int) Math.max(old.length, off + data.length));
                System.arraycopy(data, 0, now, (int) off, data.length);
                mine.put(file, now);
            } else if (kind == 4 && mine.containsKey(file)) {
                int size = rnd.nextInt(mine.get(file).length + 1);
                fs.truncate(file, size);
                mine.put(file, Arrays.copyOf(mine.get(file), size));
            } else if (kind == 5 && mine.containsKey(file)) {
                String to = dir + "/f" + rnd.nextInt(6);
                fs.rename(file, to);
                mine.put(to, mine.remove(file));
            } else if (kind == 6 && mine.containsKey(file)) {
                fs.unlink(file);
                mine.remove(file);
            } else if (kind == 7) {
                String name = "w" + w + "-" + op;
                fs.create("/shared/" + name);
                names.add(name);
            } else if (kind == 8 && !names.isEmpty()) {
                String name = names.pollFirst();
                fs.unlink("/shared/" + name);
            } else if (kind == 9) {
                String old = dir + "/old" + rnd.nextInt(OLD);
                byte[] data = bytes(rnd.nextInt(), 100);
                fs.write(old, 50, data);
                System.arraycopy(data, 0, mine.get(old), 50, 100);
                if (mine.containsKey(file)) {
                    fs.fsync(file);
                }
            }
        }
    }

    /**
     * Lists and reads whatever exists until the writers are done; a name another thread just removed is the only
     * acceptable failure.
     */
    private static void reader(HammerFs fs, Engine engine, SplittableRandom rnd, boolean[] writing) {
        while (writing[0]) {
            engine.sleep(20_000); // a reader whose reads all hit the cache would otherwise never give up the CPU
            String dir = rnd.nextInt(3) == 0 ? "/shared" : "/w" + rnd.nextInt(WRITERS);
            for (DirEntry e : fs.readdir(dir)) {
                try {
                    fs.read(dir + "/" + e.name(), 0, 50_000);
                } catch (HammerException gone) {
                    assertEquals(Errno.ENOENT, gone.errno(), gone.getMessage());
                }
            }
        }
    }

    private static void verify(HammerFs fs, List<Map<String, byte[]>> files, List<TreeSet<String>> shared) {
        Checks.assertClean(fs);
        TreeSet<String> names = new TreeSet<>();
        for (TreeSet<String> s : shared) {
            names.addAll(s);
        }
        TreeSet<String> listed = new TreeSet<>();
        fs.readdir("/shared").forEach(e -> listed.add(e.name()));
        assertEquals(names, listed, "the shared directory");
        for (int w = 0; w < files.size(); w++) {
            Map<String, byte[]> expect = new HashMap<>(files.get(w));
            for (DirEntry e : fs.readdir("/w" + w)) {
                String p = "/w" + w + "/" + e.name();
                byte[] want = expect.remove(p);
                assertTrue(want != null, p + " exists but was removed");
                assertArrayEquals(want, fs.read(p, 0, want.length + 1), p);
            }
            assertTrue(expect.isEmpty(), "missing: " + expect.keySet());
        }
    }

    private static byte[] bytes(int seed, int n) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
