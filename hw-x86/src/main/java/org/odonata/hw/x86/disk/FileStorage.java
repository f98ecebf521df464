package org.odonata.hw.x86.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Storage in a host file, accessed with positional reads and writes. A missing file is created and
 * extended to the device size by writing its last byte, which leaves it sparse on filesystems that support
 * holes. A larger existing file is left alone: the device addresses only its first {@code size} bytes.
 */
final class FileStorage implements Storage {

    private final Path path;
    private final FileChannel channel;

    FileStorage(Path path, long size) {
        this.path = path;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
            if (channel.size() < size) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open backing file " + path, e);
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
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("close of " + path + " failed", e);
        }
    }
}
