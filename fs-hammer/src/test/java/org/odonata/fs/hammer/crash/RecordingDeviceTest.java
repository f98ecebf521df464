package org.odonata.fs.hammer.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.hw.x86.disk.Disks;

class RecordingDeviceTest {

    static final DiskSpec SPEC = new DiskSpec("rec0", DiskKind.RAM, 1 << 20, 512, null, true);

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void logsWritesAndFlushesInOrderWithPrivateCopies() {
        try (RecordingDevice rec = new RecordingDevice(Disks.open(SPEC, null))) {
            byte[] data = filled(1024, 7);
            ByteBuffer src = ByteBuffer.wrap(data);
            rec.write(512, src, false);
            assertEquals(0, src.remaining(), "the write consumes its buffer like the real device");
            data[0] = 99;
            rec.flush();
            rec.write(4096, ByteBuffer.wrap(filled(512, 3)), true);

            List<PersistOp> log = rec.log();
            assertEquals(3, rec.position());
            PersistOp.Write first = assertInstanceOf(PersistOp.Write.class, log.get(0));
            assertEquals(512, first.offset());
            assertArrayEquals(filled(1024, 7), first.data(), "the log keeps the bytes as written");
            assertInstanceOf(PersistOp.Flush.class, log.get(1));
            PersistOp.Write third = assertInstanceOf(PersistOp.Write.class, log.get(2));
            assertEquals(true, third.fua());
        }
    }

    @Test
    void readsPassThroughUnlogged() {
        try (BlockDevice disk = Disks.open(SPEC, null); RecordingDevice rec = new RecordingDevice(disk)) {
            rec.write(0, ByteBuffer.wrap(filled(512, 5)), false);
            ByteBuffer dst = ByteBuffer.allocate(512);
            rec.read(0, dst);
            assertArrayEquals(filled(512, 5), dst.array(), "reads see the cached write");
            assertEquals(1, rec.position(), "reads are not persistence operations");
            assertEquals(1, disk.stats().reads());
        }
    }
}
