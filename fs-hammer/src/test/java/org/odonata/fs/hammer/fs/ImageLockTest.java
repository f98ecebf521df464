package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.hw.x86.disk.Disks;

/**
 * Two processes mounting one image (audit R11): the second is refused with a clear message while the first
 * holds it, and mounts once it is released; the first's acknowledged data is intact.
 */
class ImageLockTest {

    private static DiskSpec spec(Path img) {
        return new DiskSpec("hammer", DiskKind.RAM, 32L << 20, 512, img.toString(), false);
    }

    /** Another process: mounts the image (read-only or not) and prints what happened on one line. */
    public static final class SecondMount {
        public static void main(String[] args) {
            try (BlockDevice dev = Disks.open(spec(Path.of(args[0])), null)) {
                HammerFs fs = HammerFs.mount(dev, args[1].equals("ro") ? MountOptions.defaults().asReadOnly()
                        : MountOptions.defaults());
                System.out.println("mounted " + new String(fs.read("/a", 0, 100), StandardCharsets.UTF_8));
                fs.close();
            } catch (RuntimeException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }

    private static String secondMount(Path img, String mode) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SecondMount.class.getName(), img.toString(), mode)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals(0, p.waitFor());
            return line;
        }
    }

    @Test
    void aSecondProcessIsRefusedWhileTheImageIsMountedReadWriteOrReadOnly(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("vol.img");
        BlockDevice dev = Disks.open(spec(img), null);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * 1024, 0), MountOptions.defaults());
        fs.create("/a");
        fs.write("/a", 0, "acknowledged".getBytes(StandardCharsets.UTF_8));
        fs.sync();
        for (String mode : new String[] {"rw", "ro"}) {
            String r = secondMount(img, mode);
            assertTrue(r.startsWith("refused: ") && r.contains("in use by another process"), mode + ": " + r);
        }
        fs.close();
        dev.close();
        assertEquals("mounted acknowledged", secondMount(img, "rw"));
    }
}
