package org.odonata.vfs.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.VfsHost;

/**
 * A pipe wakes a side only when that side said it sleeps ({@code pipesignal} with {@code PIPE_WANTR} /
 * {@code PIPE_WANTW}, sys/kern/sys_pipe.c), a writer only once the reader has drained the buffer to half
 * ({@code pipe_read}), and a write of at most {@code PIPE_BUF} bytes is never split ({@code pipe_write}).
 * The host records each {@code wakeup}; a {@code tsleep} runs what the other side does while the caller sleeps.
 */
class PipeSignalTest {

    /** What happens while the caller of tsleep sleeps, and every wakeup's ident. */
    private Runnable whileAsleep = () -> {
        throw new AssertionError("nothing should sleep here");
    };
    private final List<Long> wakeups = new ArrayList<>();
    private long idents;

    private final KernelThreads kthreads = (KernelThreads) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {KernelThreads.class}, (proxy, method, args) -> switch (method.getName()) {
                case "newIdent" -> ++idents;
                case "wakeup" -> wakeups.add((Long) args[0]);
                case "tsleep" -> {
                    Runnable r = whileAsleep;
                    whileAsleep = () -> {
                        throw new AssertionError("slept twice");
                    };
                    r.run();
                    yield 0;
                }
                default -> throw new AssertionError("unexpected " + method.getName());
            });
    private final VfsHost host = (VfsHost) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {VfsHost.class}, (proxy, method, args) -> switch (method.getName()) {
                case "kthreads" -> kthreads;
                case "charge" -> null;
                // kern.pipe.delay 0: no poll before a sleep (PipePollTest in the kernel bundle tests the poll)
                case "sysctl" -> 0L;
                case "now" -> 0L;
                default -> throw new AssertionError("unexpected " + method.getName());
            });

    /** The pipe's first ident is its read ident, the second its write ident (Pipe's constructor). */
    private final PipeFile[] ends = PipeFile.create(host, 1);
    private final long readIdent = 1;
    private final long writeIdent = 2;

    @BeforeEach
    void opened() {
        // each end's open woke the other side's FIFO open ident (fifo_open); only what follows is tested
        wakeups.clear();
    }

    @Test
    void writesWhileNoReaderSleepsWakeNobody() {
        for (int i = 0; i < 3; i++) {
            assertEquals(100, ends[1].write(new byte[100], 0, 100, -1));
        }
        assertEquals(300, ends[0].read(new byte[1000], 0, 1000, -1));
        assertEquals(List.of(), wakeups);
    }

    @Test
    void aSleepingReaderIsWokenOnceByTheWritesThatFollow() {
        whileAsleep = () -> {
            ends[1].write(new byte[100], 0, 100, -1);
            ends[1].write(new byte[100], 0, 100, -1);
        };
        assertEquals(200, ends[0].read(new byte[1000], 0, 1000, -1));
        assertEquals(List.of(readIdent), wakeups);
    }

    @Test
    void aBlockedWriterIsSignalledOnlyOnceTheBufferIsHalfEmpty() {
        assertEquals(Pipe.BUFFER, ends[1].write(new byte[Pipe.BUFFER], 0, Pipe.BUFFER, -1));
        List<List<Long>> seenAfterEachRead = new ArrayList<>();
        whileAsleep = () -> {
            for (int i = 0; i < 2; i++) {
                assertEquals(4096, ends[0].read(new byte[4096], 0, 4096, -1));
                seenAfterEachRead.add(List.copyOf(wakeups));
            }
        };
        assertEquals(100, ends[1].write(new byte[100], 0, 100, -1));
        assertEquals(List.of(List.of(), List.of(writeIdent)), seenAfterEachRead);
    }

    @Test
    void aWriteOfAtMostPipeBufBytesIsNeverSplit() {
        int filled = Pipe.BUFFER - 50;
        assertEquals(filled, ends[1].write(new byte[filled], 0, filled, -1));
        ends[1].flags |= Fcntl.O_NONBLOCK;
        assertEquals(Errno.EAGAIN.negated(), ends[1].write(new byte[100], 0, 100, -1));
        assertEquals(filled, ends[0].read(new byte[Pipe.BUFFER], 0, Pipe.BUFFER, -1));
        // a larger write may go in part: what fits, then EAGAIN's short count
        assertEquals(Pipe.BUFFER, ends[1].write(new byte[Pipe.BUFFER + 600], 0, Pipe.BUFFER + 600, -1));
    }

    @Test
    void closingTheLastWriterWakesASleepingReaderWhichSeesEndOfFile() {
        whileAsleep = () -> ends[1].close();
        assertEquals(0, ends[0].read(new byte[10], 0, 10, -1));
        assertEquals(List.of(readIdent), wakeups);
    }
}
