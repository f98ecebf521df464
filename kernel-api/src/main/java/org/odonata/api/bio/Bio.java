package org.odonata.api.bio;

import java.nio.ByteBuffer;

import org.odonata.api.block.BlockOp;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One block request as the kernel tracks it ({@code struct bio} with its {@code struct buf}), from
 * {@link BlockIo#strategy} until {@code biodone}. Read it from the thread that issued it or from its
 * {@link BioDone} callback; it never changes after it is done.
 */
@ProviderType
public interface Bio {

    /** The device's name, e.g. {@code da0}. */
    String device();

    /** {@code b_cmd}. */
    BlockOp cmd();

    /** Byte offset on the device ({@code bio_offset}); 0 for a flush. */
    long offset();

    /** The caller's buffer ({@code b_data}): filled, or written from, between its position and limit. */
    ByteBuffer data();

    /** Bytes transferred ({@code b_bcount}); 0 for a flush. */
    int length();

    /** Whether the write was issued with FUA. */
    boolean fua();

    /** {@code BIO_DONE}: biodone has run. */
    boolean done();

    /** 0, or the errno the request failed with ({@code b_error} under {@code B_ERROR}; EIO for a device error). */
    int error();

    /** Virtual time the request was issued. */
    long issuedAt();

    /** Virtual time biodone ran in the interrupt thread, or -1 while the request is in flight. */
    long completedAt();

    /** The CPU whose interrupt thread ran biodone, or -1 while the request is in flight. */
    int completionCpu();
}
