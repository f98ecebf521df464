package org.odonata.fs.hammer.fs;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.lock.HammerThreads;
import org.odonata.fs.hammer.lock.LockStats;
import org.odonata.fs.hammer.volume.Volume;

/** A freshly formatted volume without a filesystem on top, for tests of the layers below HammerFs. */
public record BareVolume(BlockDevice device, Volume volume, Blockmap blockmap, BTree tree) {

    public static BareVolume format(BlockDevice device, long bigBlockSize) {
        Newfs.format(device, NewfsOptions.withBigBlock(bigBlockSize));
        Volume vol = new Volume(device, Volume.readHeader(device), false);
        Blockmap bm = new Blockmap(vol);
        return new BareVolume(device, vol, bm, new BTree(vol, bm));
    }

    /** The same, its B-tree's locks served by {@code threads} and counted in {@code stats}. */
    public static BareVolume format(BlockDevice device, long bigBlockSize, HammerThreads threads, LockStats stats) {
        BareVolume b = format(device, bigBlockSize);
        return new BareVolume(device, b.volume, b.blockmap, new BTree(b.volume, b.blockmap, threads, stats));
    }
}
