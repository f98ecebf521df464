package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.TreeChecker;

class FileApiTest {

    private final BlockDevice dev = Devices.ram(64 * Devices.MB);
    private HammerFs fs = HammerFs.newfs(dev, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertErrno(Errno expected, Executable op) {
        HammerException e = assertThrows(HammerException.class, op);
        assertEquals(expected, e.errno(), e.getMessage());
    }

    private void remount() {
        fs.close();
        fs = HammerFs.mount(dev, MountOptions.defaults());
    }

    private List<String> names(String dir) {
        return fs.readdir(dir).stream().map(DirEntry::name).toList();
    }

    @Test
    void createdFilesAndDirectoriesAreFoundBeforeAndAfterARemount() {
        fs.mkdir("/a");
        fs.mkdir("/a/b");
        fs.create("/a/b/f");
        fs.write("/a/b/f", 0, bytes("hello"));
        assertArrayEquals(bytes("hello"), fs.read("/a/b/f", 0, 100));
        remount();
        assertArrayEquals(bytes("hello"), fs.read("/a/b/f", 0, 100));
        assertEquals(List.of("b"), names("/a"));
        assertTrue(fs.stat("/a/b").isDirectory());
        assertEquals(5, fs.stat("/a/b/f").size());
        TreeChecker.check(fs.btree());
        Checks.assertClean(fs);
    }

    @Test
    void writesAcrossBlockBoundariesAndAtLargeOffsetsReadBackWithHolesAsZeros() {
        fs.create("/f");
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        fs.write("/f", 10_000, big);
        fs.write("/f", 2_000_000, bytes("tail"));
        for (int pass = 0; pass < 2; pass++) {
            assertArrayEquals(big, fs.read("/f", 10_000, big.length));
            assertArrayEquals(new byte[10_000], fs.read("/f", 0, 10_000));
            assertArrayEquals(new byte[100], fs.read("/f", 1_500_000, 100));
            assertArrayEquals(bytes("tail"), fs.read("/f", 2_000_000, 10));
            assertEquals(2_000_004, fs.stat("/f").size());
            remount();
        }
    }

    @Test
    void overwritingPartOfAFlushedBlockKeepsTheRest() {
        fs.create("/f");
        fs.write("/f", 0, bytes("abcdefghij"));
        fs.sync();
        fs.write("/f", 3, bytes("XY"));
        assertArrayEquals(bytes("abcXYfghij"), fs.read("/f", 0, 10));
        remount();
        assertArrayEquals(bytes("abcXYfghij"), fs.read("/f", 0, 10));
    }

    @Test
    void truncateShrinksAndExtendingReadsZerosNotOldBytes() {
        fs.create("/f");
        byte[] data = new byte[40_000];
        java.util.Arrays.fill(data, (byte) 7);
        fs.write("/f", 0, data);
        fs.sync();
        fs.truncate("/f", 20_000);
        assertEquals(20_000, fs.stat("/f").size());
        fs.truncate("/f", 40_000);
        byte[] expect = new byte[40_000];
        java.util.Arrays.fill(expect, 0, 20_000, (byte) 7);
        assertArrayEquals(expect, fs.read("/f", 0, 40_000));
        remount();
        assertArrayEquals(expect, fs.read("/f", 0, 40_000));
        fs.truncate("/f", 0);
        remount();
        assertEquals(0, fs.read("/f", 0, 10).length);
    }

    @Test
    void renameMovesFilesAndDirectoriesAndReplacesAFile() {
        fs.mkdir("/d1");
        fs.mkdir("/d2");
        fs.create("/d1/f");
        fs.write("/d1/f", 0, bytes("one"));
        fs.create("/d2/g");
        fs.write("/d2/g", 0, bytes("two"));
        fs.rename("/d1/f", "/d2/g");
        assertFalse(fs.exists("/d1/f"));
        assertArrayEquals(bytes("one"), fs.read("/d2/g", 0, 10));
        fs.rename("/d1", "/d2/d1moved");
        assertEquals(fs.lookup("/d2"), fs.stat("/d2/d1moved").parent());
        remount();
        assertEquals(List.of("d1moved", "g"), names("/d2"));
        assertArrayEquals(bytes("one"), fs.read("/d2/g", 0, 10));
        assertEquals(List.of("d2"), names("/"));
    }

    @Test
    void renameErrorsFollowPosix() {
        fs.mkdir("/d");
        fs.mkdir("/d/sub");
        fs.create("/d/sub/x");
        fs.create("/f");
        assertErrno(Errno.EINVAL, () -> fs.rename("/d", "/d/sub/inside"));
        assertErrno(Errno.ENOENT, () -> fs.rename("/missing", "/x"));
        assertErrno(Errno.EISDIR, () -> fs.rename("/f", "/d"));
        assertErrno(Errno.ENOTDIR, () -> fs.rename("/d", "/f"));
        fs.mkdir("/e");
        assertErrno(Errno.ENOTEMPTY, () -> fs.rename("/e", "/d"));
        fs.rename("/d/sub/x", "/d/sub/x");
        assertTrue(fs.exists("/d/sub/x"));
    }

    @Test
    void hardLinksShareDataAndTheLastUnlinkRemovesTheFile() {
        fs.create("/f");
        fs.write("/f", 0, bytes("shared"));
        fs.link("/f", "/g");
        assertEquals(2, fs.stat("/g").nlinks());
        fs.write("/g", 0, bytes("SH"));
        assertArrayEquals(bytes("SHared"), fs.read("/f", 0, 10));
        fs.unlink("/f");
        remount();
        assertFalse(fs.exists("/f"));
        assertEquals(1, fs.stat("/g").nlinks());
        assertArrayEquals(bytes("SHared"), fs.read("/g", 0, 10));
        fs.unlink("/g");
        remount();
        assertEquals(List.of(), names("/"));
    }

    @Test
    void errorsNameThePathAndTheReason() {
        fs.mkdir("/d");
        fs.create("/d/f");
        assertErrno(Errno.EEXIST, () -> fs.create("/d/f"));
        assertErrno(Errno.EEXIST, () -> fs.mkdir("/d"));
        assertErrno(Errno.ENOENT, () -> fs.read("/nope", 0, 1));
        assertErrno(Errno.ENOENT, () -> fs.create("/nope/f"));
        assertErrno(Errno.ENOTDIR, () -> fs.create("/d/f/g"));
        assertErrno(Errno.EISDIR, () -> fs.write("/d", 0, bytes("x")));
        assertErrno(Errno.EISDIR, () -> fs.read("/d", 0, 1));
        assertErrno(Errno.EISDIR, () -> fs.unlink("/d"));
        assertErrno(Errno.ENOTDIR, () -> fs.rmdir("/d/f"));
        assertErrno(Errno.ENOTEMPTY, () -> fs.rmdir("/d"));
        assertErrno(Errno.EPERM, () -> fs.link("/d", "/d2"));
        assertErrno(Errno.EBUSY, () -> fs.rmdir("/"));
        assertErrno(Errno.EINVAL, () -> fs.create("relative"));
        assertErrno(Errno.ENAMETOOLONG, () -> fs.create("/" + "n".repeat(256)));
        HammerException e = assertThrows(HammerException.class, () -> fs.read("/nope", 0, 1));
        assertTrue(e.getMessage().contains("/nope") && e.getMessage().contains("ENOENT"), e.getMessage());
        fs.unlink("/d/f");
        fs.rmdir("/d");
        assertFalse(fs.exists("/d"));
    }

    @Test
    void manyFilesInOneDirectorySurviveAutoflushesAndARemount() {
        fs.mkdir("/many");
        for (int i = 0; i < 3000; i++) {
            fs.create("/many/f" + i);
        }
        for (int i = 0; i < 3000; i += 2) {
            fs.unlink("/many/f" + i);
        }
        remount();
        List<String> left = names("/many");
        assertEquals(1500, left.size());
        assertTrue(left.contains("f1") && !left.contains("f0"));
        TreeChecker.check(fs.btree());
        Checks.assertClean(fs);
    }

    @Test
    void aReadOnlyMountRefusesChanges() {
        fs.create("/f");
        fs.close();
        fs = HammerFs.mount(dev, MountOptions.defaults().asReadOnly());
        assertTrue(fs.exists("/f"));
        assertErrno(Errno.EROFS, () -> fs.create("/g"));
        assertErrno(Errno.EROFS, () -> fs.write("/f", 0, bytes("x")));
    }
}
