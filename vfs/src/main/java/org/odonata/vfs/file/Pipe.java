package org.odonata.vfs.file;

import org.odonata.api.vfs.VfsHost;
import org.odonata.vfs.host.Costs;

/**
 * A pipe's buffer ({@code sys/kern/sys_pipe.c}): a {@link #BUFFER}-byte ring. Readers sleep on the read ident when
 * it is empty, writers on the write ident when it is full, each after setting its want flag; the other side wakes
 * them only if that flag is set ({@code pipesignal}). Closing the last writer makes reads return 0; closing the last
 * reader makes writes fail with EPIPE. A FIFO's opens wait for the other side on the open idents
 * ({@code fi_readers}/{@code fi_writers} in {@code fifo_open}).
 * Simplified: readers and writers sleep on two idents where DragonFly uses the one {@code pipebuf}.
 */
public final class Pipe {

    public static final int BUFFER = 16 * 1024;
    /** {@code PIPE_BUF} ({@code sys/syslimits.h}): a write of at most this many bytes goes in whole or not at all. */
    public static final int ATOMIC_WRITE = 512;

    final long readIdent;
    final long writeIdent;
    private final byte[] buf = new byte[BUFFER];
    private int rpos;
    private int count;
    final long readOpenIdent;
    final long writeOpenIdent;
    int readers;
    int writers;
    /** {@code PIPE_WANTR}: a reader sleeps on the read ident. */
    boolean wantRead;
    /** {@code PIPE_WANTW}: a writer sleeps on the write ident. */
    boolean wantWrite;
    /**
     * The thread polling an empty pipe for data ({@code kern.pipe.delay}), or {@link #NOBODY}; a write ends its poll.
     * Simplified: one per side; a second poller's own poll then runs to its deadline.
     */
    long readPoller = NOBODY;
    /** The thread polling a full pipe for room, or {@link #NOBODY}; a read ends its poll. */
    long writePoller = NOBODY;
    static final long NOBODY = -1;
    /** Opens of each side so far: a FIFO open waits until the other side's count moves. */
    long readerOpens;
    long writerOpens;

    Pipe(VfsHost host) {
        this.readIdent = host.kthreads().newIdent();
        this.writeIdent = host.kthreads().newIdent();
        this.readOpenIdent = host.kthreads().newIdent();
        this.writeOpenIdent = host.kthreads().newIdent();
    }

    /** A FIFO's buffer, made at its first open. */
    public static Pipe fifo(VfsHost host) {
        host.charge(Costs.PIPE_CREATE);
        return new Pipe(host);
    }

    /** Whether some open file reads from it. */
    public boolean hasReaders() {
        return readers > 0;
    }

    int available() {
        return count;
    }

    int space() {
        return BUFFER - count;
    }

    int take(byte[] dst, int off, int len) {
        int n = Math.min(len, count);
        int first = Math.min(n, BUFFER - rpos);
        System.arraycopy(buf, rpos, dst, off, first);
        System.arraycopy(buf, 0, dst, off + first, n - first);
        rpos = (rpos + n) % BUFFER;
        count -= n;
        return n;
    }

    /** Drops unread bytes: a FIFO's last close frees its buffer ({@code fifo_close} frees {@code fifoinfo}). */
    void discard() {
        rpos = 0;
        count = 0;
    }

    int put(byte[] src, int off, int len) {
        int n = Math.min(len, space());
        int wpos = (rpos + count) % BUFFER;
        int first = Math.min(n, BUFFER - wpos);
        System.arraycopy(src, off, buf, wpos, first);
        System.arraycopy(src, off + first, buf, 0, n - first);
        count += n;
        return n;
    }
}
