package org.odonata.fs.hammer.alloc;

import org.odonata.fs.hammer.volume.MetaBlock;

/** A 4 KB block of the freemap zone holding layer 1 or layer 2 entries; its bytes are its on-disk image. */
final class FreemapBlock implements MetaBlock {

    private final long offset;
    final byte[] bytes;

    FreemapBlock(long offset, byte[] bytes) {
        this.offset = offset;
        this.bytes = bytes;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public MetaBlock reload(byte[] image) {
        return new FreemapBlock(offset, image.clone());
    }

    @Override
    public void serialize(byte[] dst) {
        System.arraycopy(bytes, 0, dst, 0, bytes.length);
    }
}
