package org.odonata.hw.x86.disk;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.BlockOp;
import org.odonata.api.block.DeviceStats;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.SimThread;

/**
 * A disk: storage, an optional volatile write cache, and a queue that prices every request.
 * <p>
 * Inside a simulation (a simulated thread is running) a request is queued, the thread parks, and at the
 * request's completion time an engine event moves the data and unparks it; the data moves at completion so
 * that a power cut or a flush sees exactly the writes completed by then. Outside a simulation the data moves
 * at once and only the device's busy time advances; without an engine, the device keeps its own clock so
 * that back-to-back synchronous requests are priced as such.
 * <p>
 * Without a write cache every write is durable when it completes, and a flush is free (like Linux, which
 * sends no FLUSH to such devices). Simplification: a power cut drops the dirty cache but lets requests
 * already in flight complete. Storage in a host file is forced ({@code fsync}) at every flush and after every
 * FUA write, so what the model promises durable also survives a crash of the host.
 */
public final class SimulatedDisk implements BlockDevice {

    private final DiskSpec spec;
    private final Engine engine;
    private final Storage storage;
    private final WriteCache cache;
    private final DeviceQueue queue;
    /** Virtual time for a device without an engine: when its last request completed. */
    private long ownClock;
    /** Bytes of cached writes queued but not yet completed; a flush issued now must destage them too. */
    private long inFlightCachedBytes;
    private long reads;
    private long writes;
    private long flushes;
    private long fuaWrites;
    private long bytesRead;
    private long bytesWritten;
    private boolean closed;

    SimulatedDisk(DiskSpec spec, Engine engine, Storage storage) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.engine = engine;
        this.storage = storage;
        this.cache = spec.writeCache() ? new WriteCache(spec.sectorSize()) : null;
        this.queue = new DeviceQueue(ServiceModel.of(spec.kind(), spec.sizeBytes()));
    }

    @Override
    public DiskSpec spec() {
        return spec;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        complete(submitRead(offset, dst));
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean fua) {
        complete(submitWrite(offset, src, fua));
    }

    @Override
    public void flush() {
        Request r = submitFlush();
        if (cache != null) {
            complete(r);
        } else {
            r.transfer.run();
        }
    }

    /**
     * Queues the request like the blocking calls and returns; with an engine, {@code done} runs as an engine event
     * at its completion time (the interrupt), after the data moved; without one, before this returns.
     */
    @Override
    public void start(BlockOp op, long offset, ByteBuffer buffer, boolean fua, Consumer<RuntimeException> done) {
        Objects.requireNonNull(done, "done");
        Request r = switch (Objects.requireNonNull(op, "op")) {
            case READ -> submitRead(offset, buffer);
            case WRITE -> submitWrite(offset, buffer, fua);
            case FLUSH -> submitFlush();
        };
        if (engine == null) {
            ownClock = Math.max(ownClock, r.done);
            done.accept(attempt(r.transfer));
        } else {
            engine.at(r.done, () -> done.accept(attempt(r.transfer)));
        }
    }

    /** A queued request: when it completes and what moves the data then. */
    private record Request(long done, Runnable transfer) {
    }

    private Request submitRead(long offset, ByteBuffer dst) {
        int length = dst.remaining();
        check(offset, length);
        reads++;
        bytesRead += length;
        long done = queue.submit(arrival(), ServiceModel.Op.READ, offset, length);
        return new Request(done, () -> {
            ByteBuffer region = dst.slice(dst.position(), length);
            storage.read(offset, dst);
            if (cache != null) {
                cache.overlay(offset, region);
            }
        });
    }

    private Request submitWrite(long offset, ByteBuffer src, boolean fua) {
        int length = src.remaining();
        check(offset, length);
        writes++;
        bytesWritten += length;
        if (fua) {
            fuaWrites++;
        }
        boolean cached = cache != null && !fua;
        ServiceModel.Op op = cached ? ServiceModel.Op.CACHED_WRITE : ServiceModel.Op.WRITE;
        long done = queue.submit(arrival(), op, offset, length);
        if (cached) {
            inFlightCachedBytes += length;
            return new Request(done, () -> {
                inFlightCachedBytes -= length;
                cache.put(offset, src);
            });
        }
        return new Request(done, () -> {
            storage.write(offset, src);
            if (cache != null) {
                cache.discard(offset, length);
            }
            if (fua) {
                storage.force();
            }
        });
    }

    /** Without a write cache a flush completes at once, forcing only the backing file to stable storage. */
    private Request submitFlush() {
        checkOpen();
        flushes++;
        if (cache == null) {
            return new Request(arrival(), storage::force);
        }
        long done = queue.flush(arrival(), cache.dirtyBytes() + inFlightCachedBytes);
        return new Request(done, () -> {
            cache.drainTo(storage);
            storage.force();
        });
    }

    @Override
    public void powerCut() {
        checkOpen();
        if (cache != null) {
            cache.clear();
        }
    }

    @Override
    public DeviceStats stats() {
        return new DeviceStats(reads, writes, flushes, fuaWrites, bytesRead, bytesWritten, queue.busyNanos());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storage.close();
        }
    }

    @Override
    public String toString() {
        return "disk " + spec.name() + " (" + spec.kind() + ", " + spec.sizeBytes() + " bytes)";
    }

    private long arrival() {
        return engine != null ? engine.now() : ownClock;
    }

    /**
     * Runs the request's transfer at its completion time: parks the calling simulated thread until then, or,
     * outside a simulation, runs it at once.
     */
    private void complete(Request r) {
        SimThread thread = engine == null ? null : engine.current();
        if (thread == null) {
            if (engine == null) {
                ownClock = r.done;
            }
            r.transfer.run();
            return;
        }
        Completion completion = new Completion();
        engine.at(r.done, () -> {
            completion.failure = attempt(r.transfer);
            completion.done = true;
            thread.unpark();
        });
        while (!completion.done) {
            engine.park();
        }
        if (completion.failure != null) {
            throw completion.failure;
        }
    }

    /** Runs a transfer; returns what it threw, or null. */
    private static RuntimeException attempt(Runnable transfer) {
        try {
            transfer.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void check(long offset, long length) {
        checkOpen();
        int sector = spec.sectorSize();
        long size = spec.sizeBytes();
        if (offset % sector != 0 || length % sector != 0) {
            throw new IllegalArgumentException(describe(offset, length)
                    + " is not aligned to the sector size " + sector + " (device size " + size + ")");
        }
        if (offset < 0 || offset > size - length) {
            throw new IllegalArgumentException(describe(offset, length) + " is outside the device of "
                    + size + " bytes");
        }
    }

    private String describe(long offset, long length) {
        return "disk " + spec.name() + ": request at offset " + offset + " length " + length;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("disk " + spec.name() + " is closed");
        }
    }

    /** The outcome a completion event hands back to the parked thread. */
    private static final class Completion {
        boolean done;
        RuntimeException failure;
    }
}
