package org.odonata.tck.sched;

import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.sched.SchedClass;

/**
 * The scheduler kit's workload on a real kernel: processes that each make 40 seeded random moves (compute,
 * sleep, yield, fork a short child and reap it, ping-pong with a child over pipes, take a token) and exit. One
 * runs in the realtime class, one in the idle class, some at other nice values; all finish in well under a
 * second of virtual time on a laptop unless a thread starves or is lost.
 */
final class KernelWorkload {

    private static final int MOVES = 40;

    private KernelWorkload() {
    }

    static void start(Kernel kernel, int processes) {
        for (int i = 0; i < processes; i++) {
            int index = i;
            kernel.spawn("tck" + i, sys -> process(sys, index));
        }
    }

    private static void process(Syscalls sys, int index) {
        if (index == 0) {
            sys.setSchedClass(SchedClass.REALTIME, 5);
        } else if (index == 1) {
            sys.setSchedClass(SchedClass.IDLE, 31);
        } else if (index % 3 == 0) {
            sys.setNice(index % 2 == 0 ? 10 : -10);
        }
        RandomGenerator random = sys.random();
        for (int move = 0; move < MOVES; move++) {
            switch (random.nextInt(6)) {
                case 0 -> sys.compute(random.nextLong(100_000, 3_000_000));
                case 1 -> sys.nanosleep(random.nextLong(100_000, 3_000_000));
                case 2 -> sys.schedYield();
                case 3 -> {
                    long burst = random.nextLong(10_000, 1_000_000);
                    sys.fork(child -> child.compute(burst));
                    sys.waitpid();
                }
                case 4 -> pingPong(sys, random.nextInt(2, 12));
                default -> sys.withToken("tck" + random.nextInt(3), random.nextBoolean(),
                        () -> sys.computeInKernel(random.nextLong(1_000, 50_000)));
            }
        }
    }

    /** {@code rounds} one-byte messages to a child and back over two pipes. */
    private static void pingPong(Syscalls sys, int rounds) {
        int[] down = sys.pipe();
        int[] up = sys.pipe();
        sys.fork(child -> {
            byte[] b = new byte[1];
            for (int r = 0; r < rounds; r++) {
                child.read(down[0], b, 0, 1);
                child.write(up[1], b, 0, 1);
            }
        });
        byte[] b = {1};
        for (int r = 0; r < rounds; r++) {
            sys.write(down[1], b, 0, 1);
            sys.read(up[0], b, 0, 1);
        }
        sys.waitpid();
        for (int fd : new int[] {down[0], down[1], up[0], up[1]}) {
            sys.close(fd);
        }
    }
}
