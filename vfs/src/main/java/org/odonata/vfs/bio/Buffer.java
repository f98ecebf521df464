package org.odonata.vfs.bio;

import org.odonata.api.buf.Buf;

/**
 * A buffer ({@code struct buf}) of one device: its bytes and the flags the cache keeps. {@code busy} stands for the
 * buffer lock ({@code BUF_LOCK}: a lockmgr lock in DragonFly, here a flag with sleepers on the buffer's ident, whose
 * cache-line traffic is not priced); an asynchronous write keeps it busy until its completion interrupt.
 */
final class Buffer implements Buf {

    final DeviceBufs dev;
    final long offset;
    final byte[] data;
    /** Page frames of the machine's memory the buffer's data occupies (some may be missing when memory ran out). */
    final long[] frames;
    boolean cached;
    boolean delwri;
    boolean busy;
    /** Dropped from the cache ({@code B_INVAL}): the holder's release frees it. */
    boolean invalid;
    int error;
    /** Virtual time it became dirty, for the syncer's aging. */
    long dirtiedAt;
    /** Sleep ident while a thread waits for it, else 0. */
    long ident;
    int waiters;

    Buffer(DeviceBufs dev, long offset, int size, long[] frames) {
        this.dev = dev;
        this.offset = offset;
        this.data = new byte[size];
        this.frames = frames;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public byte[] data() {
        return data;
    }

    @Override
    public boolean cached() {
        return cached;
    }

    @Override
    public boolean delwri() {
        return delwri;
    }

    @Override
    public int error() {
        return error;
    }

    long end() {
        return offset + data.length;
    }

    @Override
    public String toString() {
        return "buf " + dev.device() + "@" + offset + "+" + data.length + (busy ? " busy" : "") + (delwri ? " delwri" : "")
                + (cached ? " cached" : "");
    }
}
