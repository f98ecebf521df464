package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.ThreadState;
import org.odonata.api.vfs.Errno;

class ProcessTest {

    @Test
    void forkedChildrenExitAndAreReapedByWaitpid() {
        try (SimKernel k = Machines.boot("smp-4", 2)) {
            List<Integer> forked = new ArrayList<>();
            List<Integer> reaped = new ArrayList<>();
            int[] last = new int[1];
            k.spawn("parent", sys -> {
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    forked.add(sys.fork(c -> {
                        c.compute(1_000_000L * (5 - n));
                        c.exit(n);
                    }));
                }
                for (int i = 0; i < 5; i++) {
                    reaped.add(sys.waitpid());
                }
                last[0] = sys.waitpid();
                sys.nanosleep(10_000_000);
            });
            k.runFor(100_000);
            assertEquals(6, k.processes());
            k.runFor(Machines.ms(5));
            assertEquals(5, reaped.size());
            assertEquals(forked.stream().sorted().toList(), reaped.stream().sorted().toList());
            assertEquals(-SyscallLayer.ECHILD, last[0]);
            assertEquals(1, k.processes());
            k.checkConservation();
            k.runFor(Machines.ms(10));
            assertEquals(0, k.processes());
            assertEquals(5 + 0, k.stats().forks());
            assertEquals(6, k.stats().exits());
            k.checkConservation();
        }
    }

    @Test
    void anExitedChildIsAZombieUntilReaped() {
        try (SimKernel k = Machines.boot("smp-4", 2)) {
            k.spawn("parent", sys -> {
                sys.fork(c -> c.exit(3));
                sys.nanosleep(10_000_000);
                sys.waitpid();
                sys.nanosleep(10_000_000);
            });
            k.runFor(Machines.ms(5));
            assertEquals(1, k.threads().stream().filter(t -> t.state() == ThreadState.ZOMBIE).count());
            k.checkConservation();
            k.runFor(Machines.ms(10));
            assertEquals(0, k.threads().stream().filter(t -> t.state() == ThreadState.ZOMBIE).count());
            assertEquals(1, k.processes());
        }
    }

    @Test
    void aPipeCarriesMoreThanItsBufferInOrderThenReportsEndOfFile() {
        try (SimKernel k = Machines.boot("smp-4", 4)) {
            byte[] sent = new byte[100_000];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) (i * 31 + 7);
            }
            byte[] got = new byte[sent.length];
            int[] total = new int[1];
            int[] eof = {-1};
            k.spawn("reader", sys -> {
                int[] p = sys.pipe();
                sys.fork(c -> {
                    c.close(p[0]);
                    int off = 0;
                    while (off < sent.length) {
                        int n = Math.min(7_000, sent.length - off);
                        assertEquals(n, c.write(p[1], sent, off, n));
                        off += n;
                    }
                });
                sys.close(p[1]);
                byte[] buf = new byte[4096];
                int n;
                while ((n = sys.read(p[0], buf, 0, buf.length)) > 0) {
                    System.arraycopy(buf, 0, got, total[0], n);
                    total[0] += n;
                }
                eof[0] = n;
                sys.waitpid();
            });
            k.runFor(Machines.ms(50));
            assertEquals(sent.length, total[0]);
            assertArrayEquals(sent, got);
            assertEquals(0, eof[0]);
            assertTrue(k.stats().wakeups() > 0, "a side blocked and was woken: " + k.stats());
            assertEquals(0, k.processes());
        }
    }

    @Test
    void writingToAPipeWithoutReadersFailsWithEpipe() {
        try (SimKernel k = Machines.boot("uniprocessor", 4)) {
            int[] result = new int[1];
            k.spawn("writer", sys -> {
                int[] p = sys.pipe();
                sys.close(p[0]);
                result[0] = sys.write(p[1], new byte[10], 0, 10);
            });
            k.runFor(Machines.ms(1));
            assertEquals(Errno.EPIPE.negated(), result[0]);
        }
    }
}
