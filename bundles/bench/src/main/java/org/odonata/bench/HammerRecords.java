package org.odonata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.volume.DataSlice;
import org.odonata.hw.x86.disk.Disks;

/**
 * {@link Records} as HAMMER data records of one object in a volume on a sparse host file: key k is the extent
 * at byte k × value size, so a record is one B-tree element plus its data in the small-data zone, written
 * append-only with history. A commit is a sync (flush groups with UNDO, header with FUA). Reads go through
 * the B-tree (nodes cached) and read the data in place in its data buffer, checking its CRC (hammer_btree_extract);
 * a scan is one iteration in key order that reads each live record's data with its leaf held (hammer_ip_first,
 * hammer_ip_next, hammer_ip_resolve_data). Records are read in their leaf, as DragonFly's cursor points into the
 * node, not as decoded element objects.
 */
final class HammerRecords implements Records {

    /** The object the records belong to: below the first TID, so no file can have it. */
    private static final long OBJECT = 0x10;

    private final BlockDevice dev;
    private final HammerFs fs;
    private final ObjectStore store;
    private final int valueSize;
    private long batchTid;

    HammerRecords(Path image, long size, int valueSize) {
        this.dev = Disks.open(new DiskSpec("bench", DiskKind.NVME, size, 4096, image.toString(), false), null);
        this.fs = HammerFs.newfs(dev, NewfsOptions.defaults(), MountOptions.defaults());
        this.store = fs.objects();
        this.valueSize = valueSize;
    }

    @Override
    public void put(long key, byte[] value, boolean replace) {
        if (batchTid == 0) {
            batchTid = fs.volume().allocTid();
        }
        if (replace) {
            store.delete(store.extentAt(OBJECT, key * valueSize, BTree.AS_OF_NOW), batchTid, 0);
        }
        store.insertData(OBJECT, key * valueSize, value, batchTid, 0);
    }

    @Override
    public long commit() {
        batchTid = 0;
        return fs.sync();
    }

    @Override
    public long get(long key, ValueCheck check) {
        return getAsOf(key, BTree.AS_OF_NOW, check);
    }

    @Override
    public long getAsOf(long key, long version, ValueCheck check) {
        return read(store.extentData(OBJECT, key * valueSize, version), check);
    }

    @Override
    public long scan(long from, int n, ValueCheck check) {
        long[] sum = {0};
        int[] seen = {0};
        fs.btree().scanInPlace(ObjectStore.dataKey(OBJECT, from * valueSize + 1, 1),
                ObjectStore.dataKey(OBJECT, Long.MAX_VALUE, 0), BTree.AS_OF_NOW, (leaf, i) -> {
                    sum[0] += read(store.data(leaf, i), check);
                    return ++seen[0] < n;
                });
        return sum[0];
    }

    /** What a record's extract reads: its data where it lies, and the data_offset and data_crc of its element. */
    record Extract(DataSlice data, long offset, int crc) {
    }

    /** Every live record's data in place, data_offset and data_crc, in key order. */
    List<Extract> liveData() {
        List<Extract> out = new ArrayList<>();
        fs.btree().scanInPlace(ObjectStore.dataKey(OBJECT, 1, 1), ObjectStore.dataKey(OBJECT, Long.MAX_VALUE, 0),
                BTree.AS_OF_NOW, (leaf, i) -> out.add(new Extract(store.data(leaf, i), leaf.dataOffset(i),
                        leaf.dataCrc(i))));
        return out;
    }

    /** The data at a data_offset found through the volume's data buffers, as an extract finds it. */
    DataSlice inPlace(long dataOffset) {
        return fs.volume().readSlice(dataOffset, valueSize, "record data");
    }

    private static long read(DataSlice data, ValueCheck check) {
        return check.read(data.array(), data.offset(), data.length());
    }

    @Override
    public void close() {
        fs.close();
        dev.close();
    }
}
