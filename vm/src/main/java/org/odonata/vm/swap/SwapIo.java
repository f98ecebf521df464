package org.odonata.vm.swap;

import java.nio.ByteBuffer;

import org.odonata.api.bio.Bio;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.BlockOp;

/**
 * The swap device's I/O, one 4 KiB page per request, through the kernel's block I/O path: {@code dev_dstrategy}, then
 * {@code biowait}, so the calling thread sleeps (releasing its CPU and tokens) until the disk's interrupt thread runs
 * {@code biodone}. Simplification: page-outs wait for their write, as {@code VM_PAGER_PUT_SYNC} does; DragonFly's
 * pageout daemon normally leaves them in flight and finishes them in {@code swp_pager_async_iodone}.
 */
public final class SwapIo {

    private final BlockIo bio;
    private final String device;
    private final long slots;
    /**
     * Page contents are not modelled: every page-out writes this page of zeros, every page-in reads into it, each
     * request through its own view, since several may be in flight.
     */
    private final ByteBuffer page = ByteBuffer.allocate(4096);

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

    public void write(long slot) {
        Bio b = bio.strategy(device, BlockOp.WRITE, slot * 4096, page.duplicate().clear(), false, null);
        bio.biowait(b, "swwrt");
    }

    public void read(long slot) {
        Bio b = bio.strategy(device, BlockOp.READ, slot * 4096, page.duplicate().clear(), false, null);
        bio.biowait(b, "swread");
    }
}
