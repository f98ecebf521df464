package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.vfs.file.PipeFile;

/**
 * {@code kern.pipe.delay} (sys/kern/sys_pipe.c, {@code pipe_read}): a reader that finds its pipe empty polls for up to
 * 4 µs, keeping its CPU, before it sleeps; data written on another CPU within that time ends the poll, so the reader
 * needs no sleep, wakeup or IPI; data that comes later finds it asleep. A reader on CPU 1, a writer on CPU 2.
 */
class PipePollTest {

    /** What the reader saw: bytes read, when read returned, and the kernel's wakeups while it read. */
    private record Read(int bytes, long returnedAt, long wakeups) { }

    private static Read readWithWriterAfter(long writerDelayNanos, long pipeDelay) {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("kern.pipe.delay", pipeDelay);
            PipeFile[][] p = new PipeFile[1][];
            int[] got = new int[1];
            long[] at = new long[1];
            long before = k.stats().wakeups();
            k.kthreads().create("reader", 1, () -> {
                p[0] = PipeFile.create(new KernelVfsHost(k), 1);
                got[0] = p[0][0].read(new byte[100], 0, 100, -1);
                at[0] = k.now();
            });
            k.kthreads().create("writer", 2, () -> {
                k.kthreads().tsleep(k.kthreads().newIdent(), "later", writerDelayNanos);
                p[0][1].write(new byte[100], 0, 100, -1);
            });
            k.runFor(Machines.ms(1));
            return new Read(got[0], at[0], k.stats().wakeups() - before);
        }
    }

    @Test
    void dataWrittenWhileTheReaderPollsEndsThePollWithoutAWakeup() {
        Read polled = readWithWriterAfter(2_000, 4_000);
        Read slept = readWithWriterAfter(2_000, 0);
        assertEquals(100, polled.bytes());
        assertEquals(100, slept.bytes());
        assertEquals(0, polled.wakeups(), "the polling reader never slept");
        assertEquals(1, slept.wakeups(), "without the poll the reader sleeps and is woken");
        assertTrue(polled.returnedAt() < slept.returnedAt(),
                "the poll sees the data before a wakeup could run the reader: " + polled + " vs " + slept);
    }

    @Test
    void dataWrittenAfterThePollFindsTheReaderAsleep() {
        Read late = readWithWriterAfter(20_000, 4_000);
        assertEquals(100, late.bytes());
        assertEquals(1, late.wakeups(), "the poll ran out after 4 µs and the reader slept");
    }
}
