package org.odonata.api.buf;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The buffer cache of one block device of one kernel (DragonFly's buffers on the device's vnode), after
 * {@code sys/kern/vfs_bio.c}. Buffers are found by offset; a buffer that overlaps another of a different size
 * replaces it (a delayed write of the old one is written first). Reads and writes go through the kernel's block I/O
 * path: the calling thread sleeps in {@code biowait} while the disk works, and completions arrive by interrupt.
 * Delayed writes ({@link #bdwrite}) are written by the syncer once they are {@code metadelay} old, by the buffer
 * daemon when too much of the cache is dirty, or by {@link #vfsync}.
 * <p>
 * Costs: a lookup, a buffer allocation and a copy of what the caller moves are charged to the calling CPU; the disk
 * charges its own service time (transfers are DMA: no CPU). Outside the simulation (a root filesystem mounted at
 * boot) every request completes at once and costs nothing.
 */
@ProviderType
public interface BufCache {

    /** The device's name ({@code nvme0}). */
    String device();

    /** The device's sector size: offsets and sizes are multiples of it. */
    int sectorSize();

    /**
     * {@code getblk}: the buffer at {@code offset} of {@code size} bytes, held by the caller; sleeps while another
     * thread holds it. Its data is valid only if {@link Buf#cached()}; otherwise the caller fills it in full.
     *
     * @throws IllegalArgumentException for a misaligned or out-of-range buffer
     */
    Buf getblk(long offset, int size);

    /**
     * {@code bread}: as {@link #getblk}, reading the data from the device unless cached; sleeps until it is there.
     * On a read error the buffer comes back with {@link Buf#error()} set and not {@link Buf#cached()}.
     */
    Buf bread(long offset, int size);

    /**
     * {@code bwrite}: writes the held buffer and waits for the disk; releases it. With {@code fua} the data is on
     * stable storage when this returns (a forced-unit-access write). Returns 0 or the errno.
     */
    int bwrite(Buf bp, boolean fua);

    /** {@code bawrite}: starts writing the held buffer and returns; the buffer is released when the write completes. */
    void bawrite(Buf bp);

    /** {@code bdwrite}: marks the held buffer dirty ({@code B_DELWRI}) and releases it; it is written later. */
    void bdwrite(Buf bp);

    /** {@code brelse}: releases the held buffer unchanged (it stays cached while the cache has room). */
    void brelse(Buf bp);

    /**
     * {@code vfsync} of the device with {@code MNT_WAIT}: writes every delayed-write buffer and waits until no write
     * of this device is in flight. Returns 0, or the first errno a write of this device failed with since the last
     * call.
     */
    int vfsync();

    /**
     * {@code BUF_CMD_FLUSH}: asks the device to make every completed write durable (its volatile write cache) and
     * waits. Returns 0 or the errno.
     */
    int flushCache();

    /**
     * {@code vinvalbuf}: writes what is dirty, waits, and drops every buffer of the device (at unmount, so that the
     * next mount reads the device again). Returns 0 or the first write errno.
     */
    int invalidate();
}
