package org.odonata.vfs.file;

import java.util.function.Supplier;

import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.api.vfs.VfsHost;
import org.odonata.vfs.host.Costs;

/**
 * One end of a pipe (or of a FIFO) as an open file ({@code pipeops}). Reads block until a byte is there or no
 * writer is left; writes block until every byte is in (EPIPE once no reader is left); with O_NONBLOCK both return
 * EAGAIN instead of blocking. A write of at most {@link Pipe#ATOMIC_WRITE} bytes is never split.
 * Cost: {@link Costs#PIPE_OP} plus one cycle per 8 bytes per transfer.
 * Before sleeping, an empty pipe's reader (a full pipe's writer) polls for the other side for up to
 * {@code kern.pipe.delay} (4 µs) of busy CPU time, as {@code pipe_read} and {@code pipe_write} do.
 */
public final class PipeFile extends OpenFile {

    /** DragonFly's sysctl: how long an empty pipe's reader or a full pipe's writer polls before it sleeps. */
    static final String PIPE_DELAY = "kern.pipe.delay";
    private static final long NOT_POLLING = Long.MIN_VALUE;

    private final VfsHost host;
    private final Pipe pipe;
    private final long ino;
    /** A FIFO opened by name: its vnode's attributes ({@code fifo_getattr} passes through), or null for a pipe. */
    private final Supplier<FileStat> named;
    /** A FIFO opened by name: releases its vnode on the last close. */
    private final Runnable release;

    private PipeFile(VfsHost host, Pipe pipe, int flags, long ino, Supplier<FileStat> named, Runnable release) {
        super(flags);
        this.host = host;
        this.pipe = pipe;
        this.ino = ino;
        this.named = named;
        this.release = release;
        // fifo_open (sys/vfs/fifofs/fifo_vnops.c): an O_RDWR open is a reader and a writer; the first of a side
        // wakes the other side's waiting opens
        if (readable()) {
            pipe.readers++;
            pipe.readerOpens++;
            host.kthreads().wakeup(pipe.writeOpenIdent);
        }
        if (writable()) {
            pipe.writers++;
            pipe.writerOpens++;
            host.kthreads().wakeup(pipe.readOpenIdent);
        }
    }

    /** {@code pipe(2)}: a new pipe's read and write ends. */
    public static PipeFile[] create(VfsHost host, long ino) {
        host.charge(Costs.PIPE_CREATE);
        Pipe p = new Pipe(host);
        return new PipeFile[] {new PipeFile(host, p, Fcntl.O_RDONLY, ino, null, null),
            new PipeFile(host, p, Fcntl.O_WRONLY, ino, null, null)};
    }

    /**
     * An end of a FIFO's buffer, opened by name: {@code fstat} reports {@code attrs} (the FIFO's own mode and
     * owner), and the last close runs {@code release} (the vnode reference the open took).
     */
    public static PipeFile openNamed(VfsHost host, Pipe pipe, int flags, long ino, Supplier<FileStat> attrs,
            Runnable release) {
        return new PipeFile(host, pipe, flags, ino, attrs, release);
    }

    /**
     * {@code fifo_open}'s wait ({@code sys/vfs/fifofs/fifo_vnops.c}): without O_NONBLOCK, a reader opened while no
     * writer is there sleeps ("fifoor") until a writer opens, a writer ("fifoow") until a reader opens; the open then
     * succeeds even if that other side has closed again. Called with no namecache or vnode lock held.
     */
    public void awaitOtherSide() {
        if ((flags & Fcntl.O_NONBLOCK) != 0) {
            return;
        }
        if (readable() && pipe.writers == 0) {
            long seen = pipe.writerOpens;
            while (pipe.writerOpens == seen) {
                host.kthreads().tsleep(pipe.readOpenIdent, "fifoor", 0);
            }
        }
        if (writable() && pipe.readers == 0) {
            long seen = pipe.readerOpens;
            while (pipe.readerOpens == seen) {
                host.kthreads().tsleep(pipe.writeOpenIdent, "fifoow", 0);
            }
        }
    }

    @Override
    public int read(byte[] buf, int off, int len, long pos) {
        if (!readable()) {
            return Errno.EBADF.negated();
        }
        if (pos >= 0) {
            return Errno.ESPIPE.negated();
        }
        if (len == 0) {
            return 0;
        }
        long pollUntil = NOT_POLLING;
        while (pipe.available() == 0 && pipe.writers > 0) {
            if ((flags & Fcntl.O_NONBLOCK) != 0) {
                return Errno.EAGAIN.negated();
            }
            // pipe_read polls up to kern.pipe.delay for a writer's data before it sleeps
            if (pollUntil == NOT_POLLING) {
                pollUntil = host.now() + host.sysctl(PIPE_DELAY);
            }
            if (poll(pollUntil, true)) {
                continue;
            }
            // pipe_read's last chance: set PIPE_WANTR, then sleep; only a reader that set it is woken
            pipe.wantRead = true;
            host.kthreads().tsleep(pipe.readIdent, "piperd", 0);
            pollUntil = NOT_POLLING;
        }
        int n = pipe.take(buf, off, len);
        if (n > 0 && pipe.writePoller != Pipe.NOBODY) {
            host.kthreads().endSpin(pipe.writePoller);
        }
        host.charge(Costs.PIPE_OP + n / 8);
        // pipe_read signals a waiting writer once the buffer is at most half full
        if (n > 0 && pipe.available() <= Pipe.BUFFER / 2) {
            signalWriter();
        }
        return n;
    }

    @Override
    public int write(byte[] buf, int off, int len, long pos) {
        if (!writable()) {
            return Errno.EBADF.negated();
        }
        if (pos >= 0) {
            return Errno.ESPIPE.negated();
        }
        int done = 0;
        long pollUntil = NOT_POLLING;
        while (done < len) {
            if (pipe.readers == 0) {
                return Errno.EPIPE.negated();
            }
            int space = pipe.space();
            // pipe_write: a write of at most PIPE_BUF bytes waits until all of it fits
            if (space < len - done && len <= Pipe.ATOMIC_WRITE) {
                space = 0;
            }
            if (space == 0) {
                signalReader();
                if ((flags & Fcntl.O_NONBLOCK) != 0) {
                    return done > 0 ? done : Errno.EAGAIN.negated();
                }
                // pipe_write polls up to kern.pipe.delay for room before it sleeps
                if (pollUntil == NOT_POLLING) {
                    pollUntil = host.now() + host.sysctl(PIPE_DELAY);
                }
                if (poll(pollUntil, false)) {
                    continue;
                }
                pipe.wantWrite = true;
                host.kthreads().tsleep(pipe.writeIdent, "pipewr", 0);
                pollUntil = NOT_POLLING;
                continue;
            }
            // pipe_write moves at most half the buffer per pass and signals a blocked reader before the copy, so the
            // IPI overlaps it; the model moves the bytes at once and charges the copy after the signal
            int n = pipe.put(buf, off + done, Math.min(len - done, Pipe.BUFFER / 2));
            done += n;
            if (pipe.readPoller != Pipe.NOBODY) {
                host.kthreads().endSpin(pipe.readPoller);
            }
            signalReader();
            host.charge(Costs.PIPE_OP + n / 8);
        }
        return done;
    }

    /**
     * Busy-waits as the side's poller until the other side ends it or {@code deadline} comes; false, without waiting,
     * once the deadline has passed.
     */
    private boolean poll(long deadline, boolean reader) {
        long left = deadline - host.now();
        if (left <= 0) {
            return false;
        }
        long me = host.curthread();
        if (reader) {
            pipe.readPoller = me;
        } else {
            pipe.writePoller = me;
        }
        host.kthreads().spin(left);
        if (reader) {
            pipe.readPoller = Pipe.NOBODY;
        } else {
            pipe.writePoller = Pipe.NOBODY;
        }
        return true;
    }

    /** {@code pipesignal(rpb, PIPE_WANTR)}: clears the flag and wakes the readers only if it was set. */
    private void signalReader() {
        if (pipe.wantRead) {
            pipe.wantRead = false;
            host.kthreads().wakeup(pipe.readIdent);
        }
    }

    /** {@code pipesignal(wpb, PIPE_WANTW)}. */
    private void signalWriter() {
        if (pipe.wantWrite) {
            pipe.wantWrite = false;
            host.kthreads().wakeup(pipe.writeIdent);
        }
    }

    @Override
    public SysResult<FileStat> stat() {
        if (named != null) {
            return SysResult.ok(named.get());
        }
        return SysResult.ok(new FileStat(0, ino, Fcntl.S_IFIFO | 0600, 1, 0, 0, 0, pipe.available(), Pipe.BUFFER,
                0, 0, 0, 0));
    }

    @Override
    public void close() {
        // pipeclose wakes a side only if its want flag is set
        if (writable() && --pipe.writers == 0) {
            signalReader();
        }
        if (readable() && --pipe.readers == 0) {
            signalWriter();
        }
        if (pipe.readers == 0 && pipe.writers == 0) {
            pipe.discard();
        }
        if (release != null) {
            release.run();
        }
    }
}
