package org.odonata.api.buf;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One buffer ({@code struct buf}): {@link #size()} bytes of a device at {@link #offset()}, held by the thread that
 * got it from {@link BufCache#getblk} or {@link BufCache#bread} until it hands it back with one of the release or
 * write calls. Read and change {@link #data()} only while holding it.
 */
@ProviderType
public interface Buf {

    /** Byte offset on the device ({@code b_loffset}, here also {@code bio_offset}). */
    long offset();

    /** Bytes ({@code b_bcount}). */
    int size();

    /** The buffer's bytes ({@code b_data}), {@link #size()} long; valid when {@link #cached()}. */
    byte[] data();

    /** {@code B_CACHE}: the data is valid (read from the device, or written in full by the holder). */
    boolean cached();

    /** {@code B_DELWRI}: changed in memory and not yet written. */
    boolean delwri();

    /** 0, or the errno the last read or write of this buffer failed with ({@code B_ERROR}, {@code b_error}). */
    int error();
}
