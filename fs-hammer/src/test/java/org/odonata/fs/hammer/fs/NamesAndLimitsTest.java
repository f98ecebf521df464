package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.object.FileBlocks;
import org.odonata.fs.hammer.testing.Devices;

/** Names a C string cannot hold, and offsets past the largest file (audit R14, R15). */
class NamesAndLimitsTest {

    private final HammerFs fs = HammerFs.newfs(Devices.ram(32 * Devices.MB), new NewfsOptions(64 * Devices.KB, 0),
            MountOptions.defaults());

    private static void assertErrno(Errno errno, Runnable op) {
        HammerException e = assertThrows(HammerException.class, op::run);
        assertEquals(errno, e.errno(), e.getMessage());
    }

    @Test
    void aNameWithNulIsInvalidAndNothingIsCreated() {
        assertErrno(Errno.EINVAL, () -> fs.create("/\0"));
        assertErrno(Errno.EINVAL, () -> fs.create("/a\0b"));
        assertErrno(Errno.EINVAL, () -> fs.mkdir("/d\0"));
        assertTrue(fs.readdir("/").isEmpty());
        HammerException e = assertThrows(HammerException.class, () -> fs.create("/a\0b"));
        assertTrue(e.getMessage().contains("/a\\x00b") && e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void aNameThatIsNotValidUnicodeIsRefusedAndEveryValidOneIsFoundAgainExactly() {
        assertErrno(Errno.EINVAL, () -> fs.create("/lone\ud800"));
        assertErrno(Errno.EINVAL, () -> fs.create("/\udc00x"));
        assertTrue(fs.readdir("/").isEmpty());
        String[] names = {"/caf\u00e9", "/\ud83d\ude00 emoji", "/tab\there", "/\u00e9".repeat(1).concat("\u0301")};
        for (String n : names) {
            fs.create(n);
            fs.write(n, 0, n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        fs.sync();
        for (String n : names) {
            assertArrayEquals(n.getBytes(java.nio.charset.StandardCharsets.UTF_8), fs.read(n, 0, 100), n);
        }
        assertEquals(names.length, fs.readdir("/").size());
    }

    @Test
    void writesEndingPastTheLargestFileAreEfbigNeverASilentNoOp() {
        fs.create("/f");
        assertErrno(Errno.EFBIG, () -> fs.write("/f", Long.MAX_VALUE - 1, new byte[10]));
        assertErrno(Errno.EFBIG, () -> fs.write("/f", FileBlocks.MAX_FILE_SIZE - 5, new byte[10]));
        assertErrno(Errno.EFBIG, () -> fs.truncate("/f", FileBlocks.MAX_FILE_SIZE + 1));
        assertEquals(0, fs.stat("/f").size(), "nothing changed");

        fs.write("/f", FileBlocks.MAX_FILE_SIZE - 10, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        fs.sync();
        assertEquals(FileBlocks.MAX_FILE_SIZE, fs.stat("/f").size());
        assertArrayEquals(new byte[] {8, 9, 10}, fs.read("/f", FileBlocks.MAX_FILE_SIZE - 3, Integer.MAX_VALUE));
        assertEquals(0, fs.read("/f", Long.MAX_VALUE - 1, 100).length, "a read past the end is empty");
        assertFalse(fs.read("/f", 0, 16).length != 16);
    }
}
