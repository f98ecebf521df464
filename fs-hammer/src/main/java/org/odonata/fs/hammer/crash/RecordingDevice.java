package org.odonata.fs.hammer.crash;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DeviceStats;
import org.odonata.api.block.DiskSpec;

/**
 * A block device that logs every persistence operation (write with its bytes and FUA flag, flush) in
 * completion order, and otherwise behaves exactly like the device it wraps; reads pass through unlogged.
 * <p>
 * Cost: each write is copied once into the log, so a recording holds every byte written since it started;
 * that is why a crash run records one short workload at a time.
 */
public final class RecordingDevice implements BlockDevice {

    private final BlockDevice delegate;
    private final List<PersistOp> log = new ArrayList<>();

    public RecordingDevice(BlockDevice delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public DiskSpec spec() {
        return delegate.spec();
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        delegate.read(offset, dst);
    }

    /** Logs the write after the device completes it, so a failed write leaves no trace in the log. */
    @Override
    public void write(long offset, ByteBuffer src, boolean fua) {
        byte[] copy = new byte[src.remaining()];
        src.duplicate().get(copy);
        delegate.write(offset, src, fua);
        log.add(new PersistOp.Write(offset, copy, fua));
    }

    @Override
    public void flush() {
        delegate.flush();
        log.add(new PersistOp.Flush());
    }

    @Override
    public void powerCut() {
        delegate.powerCut();
    }

    @Override
    public DeviceStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Persistence operations completed so far; the crash point "after the first {@code n}" is {@code n}. */
    public int position() {
        return log.size();
    }

    /** A snapshot of the log so far, in completion order. */
    public List<PersistOp> log() {
        return List.copyOf(log);
    }
}
