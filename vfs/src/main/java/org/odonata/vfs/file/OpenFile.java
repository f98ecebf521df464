package org.odonata.vfs.file;

import java.util.List;

import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;

/**
 * An open file ({@code struct file}): what descriptors refer to, shared by {@code dup} and {@code fork}, with the
 * status flags ({@code f_flag}: access mode, O_APPEND, O_NONBLOCK), the offset ({@code f_offset}) and a reference
 * count ({@code f_count}); {@link #close()} runs when the last descriptor goes. Subclasses are the file types'
 * operations ({@code struct fileops}); the defaults are what a type without the operation answers.
 */
public abstract class OpenFile {

    /** {@code f_flag}. */
    public int flags;
    /** {@code f_offset}. */
    public long offset;
    /** {@code f_count}: descriptors referring to it. */
    public int count = 1;

    protected OpenFile(int flags) {
        this.flags = flags;
    }

    public boolean readable() {
        int acc = flags & Fcntl.O_ACCMODE;
        return acc == Fcntl.O_RDONLY || acc == Fcntl.O_RDWR;
    }

    public boolean writable() {
        int acc = flags & Fcntl.O_ACCMODE;
        return acc == Fcntl.O_WRONLY || acc == Fcntl.O_RDWR;
    }

    /** {@code fo_read} at {@code pos} (-1: the file's offset, advanced); returns bytes or a negative errno. */
    public abstract int read(byte[] buf, int off, int len, long pos);

    /** {@code fo_write} at {@code pos} (-1: the file's offset, or its end with O_APPEND, advanced). */
    public abstract int write(byte[] buf, int off, int len, long pos);

    public abstract SysResult<FileStat> stat();

    /** {@code fo_close}: the last descriptor went away. */
    public abstract void close();

    public long seek(long off, int whence) {
        return Errno.ESPIPE.negated();
    }

    public int truncate(long length) {
        return Errno.EINVAL.negated();
    }

    public int fsync(boolean dataOnly) {
        return Errno.EINVAL.negated();
    }

    /** A descriptor of it was closed by the process owning {@code owner} (its descriptor table). */
    public void closedBy(Object owner) {
    }

    public SysResult<List<DirEntry>> getdents(int bufferBytes) {
        return SysResult.failed(Errno.ENOTDIR);
    }
}
