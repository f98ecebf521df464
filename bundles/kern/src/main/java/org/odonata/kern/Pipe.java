package org.odonata.kern;

/**
 * A pipe ({@code sys/kern/sys_pipe.c}): a {@link #BUFFER}-byte ring with blocking reads and writes. Readers sleep on
 * the read ident when it is empty, writers on the write ident when it is full; each side wakes the other.
 * Closing the last writer makes reads return 0; closing the last reader makes writes fail with EPIPE.
 */
final class Pipe {

    static final int BUFFER = 16 * 1024;

    /** One end as a descriptor refers to it. */
    record End(Pipe pipe, boolean write) {
    }

    final long readIdent;
    final long writeIdent;
    private final byte[] buf = new byte[BUFFER];
    private int rpos;
    private int count;
    int readers = 1;
    int writers = 1;

    Pipe(long readIdent, long writeIdent) {
        this.readIdent = readIdent;
        this.writeIdent = writeIdent;
    }

    int available() {
        return count;
    }

    int space() {
        return BUFFER - count;
    }

    int take(byte[] dst, int off, int len) {
        int n = Math.min(len, count);
        for (int i = 0; i < n; i++) {
            dst[off + i] = buf[(rpos + i) % BUFFER];
        }
        rpos = (rpos + n) % BUFFER;
        count -= n;
        return n;
    }

    int put(byte[] src, int off, int len) {
        int n = Math.min(len, space());
        int wpos = (rpos + count) % BUFFER;
        for (int i = 0; i < n; i++) {
            buf[(wpos + i) % BUFFER] = src[off + i];
        }
        count += n;
        return n;
    }
}
