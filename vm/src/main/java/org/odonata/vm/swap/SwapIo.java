package org.odonata.vm.swap;

import java.nio.ByteBuffer;

import org.odonata.api.block.BlockDevice;

/**
 * The swap device's I/O, one 4 KiB page per request. The calling simulated thread waits for the request's queueing
 * and service time. Simplification (until the kernel offers {@code strategy}/{@code biodone}): it waits without
 * sleeping, so its CPU stays busy for the I/O, as with a polled device.
 */
public final class SwapIo {

    private final BlockDevice device;
    /** Page contents are not modelled: every page-out writes this page of zeros, every page-in reads into it. */
    private final ByteBuffer page = ByteBuffer.allocate(4096);

    public SwapIo(BlockDevice device) {
        this.device = device;
    }

    public long slots() {
        return device.sizeBytes() / 4096;
    }

    public String name() {
        return device.spec().name();
    }

    public void write(long slot) {
        page.clear();
        device.write(slot * 4096, page, false);
    }

    public void read(long slot) {
        page.clear();
        device.read(slot * 4096, page);
    }
}
