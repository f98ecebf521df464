package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.fs.hammer.fs.FileApiTest.assertErrno;
import static org.odonata.fs.hammer.fs.FileApiTest.bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.object.Snapshot;
import org.odonata.fs.hammer.testing.Devices;

class HistoryTest {

    private final BlockDevice dev = Devices.ram(64 * Devices.MB);
    private HammerFs fs = HammerFs.newfs(dev, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());

    private static String at(long tid) {
        return String.format("@@0x%016x", tid);
    }

    @Test
    void anOverwrittenFileReadAsOfAnOldTidShowsTheOldBytes() {
        fs.create("/f");
        fs.write("/f", 0, bytes("old contents"));
        long t1 = fs.sync();
        fs.write("/f", 0, bytes("NEW"));
        fs.truncate("/f", 5);
        long t2 = fs.sync();
        assertArrayEquals(bytes("NEW c"), fs.read("/f", 0, 100));
        assertArrayEquals(bytes("old contents"), fs.read("/f" + at(t1), 0, 100));
        assertArrayEquals(bytes("old contents"), fs.read("/f", t1, 0, 100));
        assertArrayEquals(bytes("NEW c"), fs.read("/f" + at(t2), 0, 100));
        assertEquals(12, fs.stat("/f" + at(t1)).size());
        assertTrue(fs.stat("/f" + at(t1)).versionTid() <= t1);
        fs.close();
        fs = HammerFs.mount(dev, MountOptions.defaults());
        assertArrayEquals(bytes("old contents"), fs.read("/f" + at(t1), 0, 100));
    }

    @Test
    void deletedAndRenamedEntriesAreVisibleAsOfTheirTime() {
        fs.mkdir("/d");
        fs.create("/d/gone");
        fs.write("/d/gone", 0, bytes("was here"));
        long t1 = fs.sync();
        fs.unlink("/d/gone");
        fs.create("/d/later");
        fs.sync();
        assertFalse(fs.exists("/d/gone"));
        assertArrayEquals(bytes("was here"), fs.read("/d/gone" + at(t1), 0, 100));
        assertArrayEquals(bytes("was here"), fs.read("/d" + at(t1) + "/gone", 0, 100));
        assertEquals(List.of("gone"), fs.readdir("/d", t1).stream().map(DirEntry::name).toList());
        assertEquals(List.of("later"), fs.readdir("/d").stream().map(DirEntry::name).toList());
        assertEquals(List.of("d"), fs.readdir("/" + at(t1)).stream().map(DirEntry::name).toList());
        assertErrno(Errno.ENOENT, () -> fs.stat("/d/later" + at(t1)));
        assertEquals(fs.lookup("/d/gone", t1), fs.lookup("/d" + at(t1) + "/gone"));
    }

    @Test
    void historicalPathsAreReadOnlyAndBadTidsAreRejected() {
        fs.create("/f");
        long t = fs.sync();
        assertErrno(Errno.EROFS, () -> fs.write("/f" + at(t), 0, bytes("x")));
        assertErrno(Errno.EROFS, () -> fs.create("/" + at(t) + "/g"));
        assertErrno(Errno.EROFS, () -> fs.unlink("/f" + at(t)));
        assertErrno(Errno.EINVAL, () -> fs.stat("/f@@0xZZ"));
        assertErrno(Errno.EINVAL, () -> fs.stat("/f@@12"));
        assertEquals(fs.lookup("/f"), fs.lookup("/f@@-1"));
    }

    @Test
    void asOfReadsMatchAModelAtEveryTid() {
        Random rnd = new Random(11);
        Map<String, byte[]> live = new HashMap<>();
        TreeMap<Long, Map<String, byte[]>> history = new TreeMap<>();
        String[] names = {"/a", "/b", "/c", "/d"};
        for (int step = 0; step < 40; step++) {
            String n = names[rnd.nextInt(names.length)];
            byte[] cur = live.get(n);
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    if (cur == null) {
                        fs.create(n);
                        live.put(n, new byte[0]);
                    } else {
                        fs.unlink(n);
                        live.remove(n);
                    }
                }
                case 1, 2 -> {
                    if (cur == null) {
                        fs.create(n);
                        cur = new byte[0];
                    }
                    int off = rnd.nextInt(40_000);
                    byte[] data = new byte[1 + rnd.nextInt(20_000)];
                    rnd.nextBytes(data);
                    fs.write(n, off, data);
                    byte[] next = Arrays.copyOf(cur, Math.max(cur.length, off + data.length));
                    System.arraycopy(data, 0, next, off, data.length);
                    live.put(n, next);
                }
                default -> {
                    if (cur != null) {
                        int size = rnd.nextInt(cur.length + 1);
                        fs.truncate(n, size);
                        live.put(n, Arrays.copyOf(cur, size));
                    }
                }
            }
            Map<String, byte[]> copy = new HashMap<>();
            live.forEach((k, v) -> copy.put(k, v.clone()));
            history.put(fs.sync(), copy);
        }
        fs.close();
        fs = HammerFs.mount(dev, MountOptions.defaults());
        List<Long> tids = new ArrayList<>(history.keySet());
        for (long tid : tids) {
            Map<String, byte[]> expect = history.get(tid);
            for (String n : names) {
                if (expect.containsKey(n)) {
                    assertArrayEquals(expect.get(n), fs.read(n + at(tid), 0, 100_000), n + " as of " + tid);
                } else {
                    assertErrno(Errno.ENOENT, () -> fs.stat(n + at(tid)));
                }
            }
        }
    }

    @Test
    void snapshotsAreListedReadableAndDeletableAcrossRemounts() {
        fs.create("/f");
        fs.write("/f", 0, bytes("first"));
        Snapshot s1 = fs.snapshot("daily");
        fs.write("/f", 0, bytes("SECOND"));
        Snapshot s2 = fs.snapshot("hourly");
        assertEquals(List.of("daily", "hourly"), fs.snapshots().stream().map(Snapshot::label).toList());
        assertArrayEquals(bytes("first"), fs.read("/f" + at(s1.tid()), 0, 10));
        assertArrayEquals(bytes("SECOND"), fs.read("/f" + at(s2.tid()), 0, 10));
        fs.deleteSnapshot(s1.tid());
        fs.close();
        fs = HammerFs.mount(dev, MountOptions.defaults());
        assertEquals(List.of(s2), fs.snapshots());
        assertErrno(Errno.ENOENT, () -> fs.deleteSnapshot(s1.tid()));
        assertArrayEquals(bytes("first"), fs.read("/f" + at(s1.tid()), 0, 10),
                "deleting a snapshot record does not prune history");
    }
}
