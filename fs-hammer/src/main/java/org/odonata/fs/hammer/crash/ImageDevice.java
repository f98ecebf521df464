package org.odonata.fs.hammer.crash;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DeviceStats;
import org.odonata.api.block.DiskSpec;

/**
 * A writable block device over an immutable {@link DiskImage}: writes go to a private copy-on-write layer,
 * so mounting a crash state (recovery writes) never disturbs the image other states share. It has no write
 * cache: every completed write is durable, flush and power cut change nothing, and no time passes.
 * <p>
 * Cost: a read checks the private layer, then the image; each write is copied once, and its sectors are
 * indexed in the private layer.
 */
public final class ImageDevice implements BlockDevice {

    /** Where a sector written through this device lives: {@code sectorSize} bytes of {@code data}. */
    private record Slice(byte[] data, int from) {
    }

    private final DiskImage image;
    private final List<PersistOp.Write> written = new ArrayList<>();
    private final Map<Long, Slice> own = new HashMap<>();
    private long reads;
    private long writes;
    private long flushes;
    private long fuaWrites;
    private long bytesRead;
    private long bytesWritten;
    private boolean closed;

    public ImageDevice(DiskImage image) {
        this.image = Objects.requireNonNull(image, "image");
    }

    @Override
    public DiskSpec spec() {
        return image.spec();
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        int length = dst.remaining();
        check(offset, length);
        reads++;
        bytesRead += length;
        int sectorSize = image.spec().sectorSize();
        long sector = offset / sectorSize;
        while (dst.hasRemaining()) {
            Slice s = own.get(sector);
            if (s == null) {
                image.read(sector * sectorSize, dst.slice(dst.position(), sectorSize));
            } else {
                dst.put(dst.position(), s.data(), s.from(), sectorSize);
            }
            dst.position(dst.position() + sectorSize);
            sector++;
        }
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean fua) {
        int length = src.remaining();
        check(offset, length);
        writes++;
        bytesWritten += length;
        if (fua) {
            fuaWrites++;
        }
        byte[] copy = new byte[length];
        src.get(copy);
        written.add(new PersistOp.Write(offset, copy, fua));
        int sectorSize = image.spec().sectorSize();
        for (int i = 0; i * sectorSize < length; i++) {
            own.put(offset / sectorSize + i, new Slice(copy, i * sectorSize));
        }
    }

    @Override
    public void flush() {
        checkOpen();
        flushes++;
    }

    @Override
    public void powerCut() {
        checkOpen();
    }

    @Override
    public DeviceStats stats() {
        return new DeviceStats(reads, writes, flushes, fuaWrites, bytesRead, bytesWritten, 0);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The device's current contents as an immutable image. */
    public DiskImage snapshot() {
        return image.with(written);
    }

    private void check(long offset, long length) {
        checkOpen();
        int sector = image.spec().sectorSize();
        long size = image.spec().sizeBytes();
        if (offset % sector != 0 || length % sector != 0 || offset < 0 || offset > size - length) {
            throw new IllegalArgumentException("image device " + image.spec().name() + ": request at offset "
                    + offset + " length " + length + " is unaligned to " + sector + " or outside " + size
                    + " bytes");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("image device " + image.spec().name() + " is closed");
        }
    }
}
