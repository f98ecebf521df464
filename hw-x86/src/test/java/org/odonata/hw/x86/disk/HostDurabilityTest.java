package org.odonata.hw.x86.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;

/** A backing file is locked while a device uses it, and forced to stable storage at the device's durability points. */
class HostDurabilityTest {

    static final long MIB = 1024 * 1024;

    /** Counts the forces a disk asks of its storage. */
    private static final class CountingStorage implements Storage {
        final MemoryStorage inner = new MemoryStorage();
        int forces;

        @Override
        public void read(long offset, ByteBuffer dst) {
            inner.read(offset, dst);
        }

        @Override
        public void write(long offset, ByteBuffer src) {
            inner.write(offset, src);
        }

        @Override
        public void force() {
            forces++;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void flushAndFuaForceTheStoragePlainWritesDoNot() {
        for (boolean writeCache : new boolean[] {false, true}) {
            CountingStorage s = new CountingStorage();
            try (SimulatedDisk disk = new SimulatedDisk(new DiskSpec("d", DiskKind.NVME, MIB, 512, null, writeCache),
                    null, s)) {
                disk.write(0, ByteBuffer.allocate(512), false);
                assertEquals(0, s.forces, "a plain write is not forced (write cache " + writeCache + ")");
                disk.write(512, ByteBuffer.allocate(512), true);
                assertEquals(1, s.forces, "a FUA write is forced (write cache " + writeCache + ")");
                disk.flush();
                assertEquals(2, s.forces, "a flush is forced (write cache " + writeCache + ")");
            }
        }
    }

    @Test
    void aSecondDeviceOverTheSameFileIsRefusedUntilTheFirstCloses(@TempDir Path dir) {
        DiskSpec spec = new DiskSpec("da0", DiskKind.RAM, MIB, 512, dir.resolve("img").toString(), false);
        BlockDevice first = Disks.open(spec, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Disks.open(spec, null));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        first.close();
        Disks.open(spec, null).close();
    }

    @Test
    void aFileLockedByAnotherProcessIsRefused(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("img");
        DiskSpec spec = new DiskSpec("da0", DiskKind.RAM, MIB, 512, img.toString(), false);
        Disks.open(spec, null).close();
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), img.toString())
                .redirectErrorStream(true).start();
        try {
            assertEquals('L', other.getInputStream().read(), "the other process reports its lock");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Disks.open(spec, null));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
        Disks.open(spec, null).close();
    }

    /** Another process: locks the file named by its argument, says 'L', and holds the lock until stdin closes. */
    public static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock held = ch.lock()) {
                System.out.write('L');
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold the lock until the test closes our stdin
                }
            }
        }
    }
}
