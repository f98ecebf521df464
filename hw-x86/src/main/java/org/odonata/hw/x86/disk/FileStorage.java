package org.odonata.hw.x86.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Storage in a host file, accessed with positional reads and writes. A missing file is created and
 * extended to the device size by writing its last byte, which leaves it sparse on filesystems that support
 * holes. A larger existing file is left alone: the device addresses only its first {@code size} bytes.
 * <p>
 * The file is locked exclusively (a host file lock) while the device is open, so a second device over the
 * same file, in this process or another, is refused instead of silently interleaving writes with the first.
 * {@link #force} is {@code fsync}: the disk calls it where the simulated device's own durability points are
 * (a flush, a FUA write), so the order a filesystem relies on also holds across a host crash.
 */
final class FileStorage implements Storage {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    FileStorage(Path path, long size) {
        this.path = path;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open backing file " + path, e);
        }
        try {
            lock = lockOrRefuse(path, channel);
            if (channel.size() < size) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open backing file " + path, io);
            }
            throw (RuntimeException) e;
        }
    }

    private static FileLock lockOrRefuse(Path path, FileChannel channel) throws IOException {
        FileLock l;
        try {
            l = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("backing file " + path + " is in use by another device of this process");
        }
        if (l == null) {
            throw new IllegalStateException("backing file " + path + " is in use by another process (it holds a lock"
                    + " on the file)");
        }
        return l;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException suppressed) {
            // the open already failed; that failure is the one to report
        }
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        try {
            long pos = offset;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    // beyond the end of a file someone truncated: the device still reads zeros there
                    MemoryStorage.fillZeros(dst, dst.remaining());
                    return;
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read of " + path + " at " + offset + " failed", e);
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        try {
            long pos = offset;
            while (src.hasRemaining()) {
                pos += channel.write(src, pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("write of " + path + " at " + offset + " failed", e);
        }
    }

    @Override
    public void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("fsync of " + path + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("close of " + path + " failed", e);
        }
    }
}
