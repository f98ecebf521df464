package org.odonata.experiments.rtapp;

import org.odonata.api.kern.Syscalls;

/**
 * How one rt-app thread blocks and is woken: a pipe of its own, created before the threads are forked so
 * every thread holds both ends. {@link #await} reads one byte (blocking in the kernel, like a futex wait);
 * {@link #wake} writes one, from any thread. A byte written before the reader blocks is a permit, so no
 * wakeup is lost between deciding to wait and waiting.
 */
final class WakeChannel {

    private static final byte[] ONE = {1};

    private final int readFd;
    private final int writeFd;

    WakeChannel(int[] pipe) {
        this.readFd = pipe[0];
        this.writeFd = pipe[1];
    }

    void await(Syscalls sys) {
        sys.read(readFd, new byte[1], 0, 1);
    }

    void wake(Syscalls sys) {
        sys.write(writeFd, ONE, 0, 1);
    }
}
