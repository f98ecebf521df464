package org.odonata.fs.hammer.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.btree.BTreeNode;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.ondisk.Crc32c;
import org.odonata.fs.hammer.ondisk.FreemapLayer1;
import org.odonata.fs.hammer.ondisk.FreemapLayer2;
import org.odonata.fs.hammer.ondisk.VolumeHeader;

/**
 * Writes deliberate corruption through the device under an unmounted (closed) volume: raw bit flips, and
 * changes with valid CRCs that only the checker's cross-structure checks can see.
 */
final class Injector {

    /** A leaf element and where it is. */
    record Found(long node, int index, BTreeElement element) {

        long at() {
            return node + BTreeNode.HEADER + (long) index * BTreeElement.SIZE;
        }
    }

    private final HammerFs fs;
    private final BlockDevice dev;

    Injector(HammerFs fs, BlockDevice dev) {
        this.fs = fs;
        this.dev = dev;
    }

    Found find(Predicate<BTreeElement> p) {
        Found[] hit = {null};
        fs.btree().walk((n, depth, left, right) -> {
            for (int i = 0; n.isLeaf() && hit[0] == null && i < n.count(); i++) {
                if (p.test(n.element(i))) {
                    hit[0] = new Found(n.offset(), i, n.element(i));
                }
            }
        });
        if (hit[0] == null) {
            throw new AssertionError("no such element");
        }
        return hit[0];
    }

    /**
     * Leaves that are neither the root nor the leftmost (which holds the root inode mount needs), each with
     * at least two records and a real key as its left boundary.
     */
    List<Long> innerLeaves() {
        List<Long> out = new ArrayList<>();
        fs.btree().walk((n, depth, left, right) -> {
            if (n.isLeaf() && depth > 0 && !left.equals(BTreeKey.MIN) && n.count() >= 2) {
                out.add(n.offset());
            }
        });
        return out;
    }

    void flip(long zoneOffset, int byteInside) {
        long at = fs.volume().deviceOffset(zoneOffset, 1, "test") + byteInside;
        byte[] block = read(at & -4096);
        block[(int) (at & 4095)] ^= 0x10;
        write(at & -4096, block);
    }

    /** Edits a node's bytes and reseals its CRC. */
    void editNode(long node, Consumer<ByteBuffer> edit) {
        long dev0 = fs.volume().deviceOffset(node, 4096, "test");
        byte[] b = read(dev0);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(buf);
        buf.putInt(0, Crc32c.of(b, 4, 4092));
        write(dev0, b);
    }

    /** Replaces a record's data (same length) and the element's data_crc, so only meaning is wrong. */
    void rewriteData(Found f, byte[] data) {
        long at = fs.volume().deviceOffset(f.element().dataOffset(), data.length, "test");
        long start = at & -4096;
        byte[] b = read(start, (int) (((at + data.length + 4095) & -4096) - start));
        System.arraycopy(data, 0, b, (int) (at - start), data.length);
        write(start, b);
        int pos = BTreeNode.HEADER + f.index() * BTreeElement.SIZE + 60;
        editNode(f.node(), buf -> buf.putInt(pos, Crc32c.of(data, 0, data.length)));
    }

    void setLayer2(long bigBlock, FreemapLayer2 entry) {
        long at = fs.volume().deviceOffset(fs.blockmap().layer2Offset(bigBlock), 16, "test");
        byte[] b = read(at & -4096);
        entry.write(b, (int) (at & 4095));
        write(at & -4096, b);
    }

    /** Edits the volume header's bytes and reseals its CRC. */
    void editHeader(Consumer<ByteBuffer> edit) {
        byte[] b = read(0);
        edit.accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        VolumeHeader.resealCrc(b);
        write(0, b);
    }

    /**
     * Makes the freemap call a used big-block free, consistently: its layer 2 entry, the layer 1 count above it and
     * the header's count all agree, every CRC is valid. Only the B-tree still reaching into it shows the lie.
     */
    void lieFree(long bigBlock, long bigBlockSize) {
        setLayer2(bigBlock, FreemapLayer2.free(bigBlockSize));
        long l1 = fs.volume().deviceOffset(fs.blockmap().layer1Offset(0), FreemapLayer1.SIZE, "test");
        byte[] b = read(l1 & -4096);
        FreemapLayer1 e = FreemapLayer1.read(b, (int) (l1 & 4095), l1);
        new FreemapLayer1(e.phys(), e.blocksFree() + 1).write(b, (int) (l1 & 4095));
        write(l1 & -4096, b);
        editHeader(buf -> buf.putLong(56, buf.getLong(56) + 1));
    }

    private byte[] read(long deviceOffset) {
        return read(deviceOffset, 4096);
    }

    private byte[] read(long deviceOffset, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        dev.read(deviceOffset, b);
        return b.array();
    }

    private void write(long deviceOffset, byte[] bytes) {
        dev.write(deviceOffset, ByteBuffer.wrap(bytes), true);
    }
}
