package org.odonata.vm.swap;

import java.nio.ByteBuffer;

import org.odonata.api.bio.Bio;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.BlockOp;

/**
 * The swap device's I/O, one 4 KiB page per request, through the kernel's block I/O path: {@code dev_dstrategy}, then
 * {@code biowait}, so the calling thread sleeps (releasing its CPU and tokens) until the disk's interrupt thread runs
 * {@code biodone}. A page whose contents are modelled ({@code VmPage.data}) goes to the device and comes back; other
 * pages write zeros. Simplification: page-outs wait for their write, as {@code VM_PAGER_PUT_SYNC} does; DragonFly's
 * pageout daemon normally leaves them in flight and finishes them in {@code swp_pager_async_iodone}.
 */
public final class SwapIo {

    private final BlockIo bio;
    private final String device;
    private final long slots;
    /** What a page-out of a page whose contents are not modelled writes: zeros. */
    private static final byte[] ZEROS = new byte[4096];

    public SwapIo(BlockIo bio, BlockDevice device) {
        this.bio = bio;
        this.device = device.spec().name();
        this.slots = device.sizeBytes() / 4096;
    }

    public long slots() {
        return slots;
    }

    public String name() {
        return device;
    }

    /** Writes {@code data} (4096 bytes, or null for a page of zeros) to {@code slot}. */
    public void write(long slot, byte[] data) {
        ByteBuffer src = ByteBuffer.wrap(data == null ? ZEROS : data);
        Bio b = bio.strategy(device, BlockOp.WRITE, slot * 4096, src, false, null);
        bio.biowait(b, "swwrt");
    }

    /** Reads {@code slot} into {@code into} (4096 bytes). */
    public void read(long slot, byte[] into) {
        Bio b = bio.strategy(device, BlockOp.READ, slot * 4096, ByteBuffer.wrap(into), false, null);
        bio.biowait(b, "swread");
    }
}
