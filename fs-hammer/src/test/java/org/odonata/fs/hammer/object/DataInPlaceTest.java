package org.odonata.fs.hammer.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.volume.DataSlice;

/**
 * Record data read in place (hammer_btree_extract's cursor->data into the data buffer) must be exactly the bytes
 * the copying reads return, for data still staged, written, superseded (history, as of an old TID) and for
 * fields read from the leaf rather than from an element object.
 */
class DataInPlaceTest {

    private static final long OBJ = 0x10;
    private static final int SIZE = 300;

    private final HammerFs fs = HammerFs.newfs(Devices.ram(16 * Devices.MB), new NewfsOptions(64 * Devices.KB, 4),
            MountOptions.defaults());
    private final ObjectStore store = fs.objects();
    private final SplittableRandom random = new SplittableRandom(5);

    private static byte[] bytes(DataSlice s) {
        byte[] out = new byte[s.length()];
        System.arraycopy(s.array(), s.offset(), out, 0, s.length());
        return out;
    }

    private byte[][] put(int records, boolean replace, long tid) {
        byte[][] values = new byte[records][];
        for (int k = 0; k < records; k++) {
            values[k] = new byte[SIZE];
            random.nextBytes(values[k]);
            if (replace) {
                store.delete(store.extentAt(OBJ, (long) k * SIZE, BTree.AS_OF_NOW), tid, 0);
            }
            store.insertData(OBJ, (long) k * SIZE, values[k], tid, 0);
        }
        return values;
    }

    @Test
    void inPlaceReadsReturnTheCopiedBytesStagedWrittenAndAsOfAnOldTid() {
        long oldTid = fs.volume().allocTid();
        byte[][] old = put(200, false, oldTid);
        for (int k = 0; k < old.length; k++) {
            assertArrayEquals(old[k], bytes(store.extentData(OBJ, (long) k * SIZE + 7, BTree.AS_OF_NOW)), "staged " + k);
        }
        fs.sync();
        byte[][] now = put(200, true, fs.volume().allocTid());
        fs.sync();
        for (int k = 0; k < now.length; k++) {
            long at = (long) k * SIZE + random.nextInt(SIZE);
            assertArrayEquals(now[k], bytes(store.extentData(OBJ, at, BTree.AS_OF_NOW)), "now " + k);
            assertArrayEquals(now[k], store.readExtentAt(OBJ, at, BTree.AS_OF_NOW));
            assertArrayEquals(old[k], bytes(store.extentData(OBJ, at, oldTid)), "as of the old TID " + k);
        }
        assertNull(store.extentData(OBJ, 200L * SIZE, BTree.AS_OF_NOW), "past the last extent: a hole");
    }

    @Test
    void aScanInPlaceSeesEachRecordsFieldsAndDataAsItsElement() {
        long oldTid = fs.volume().allocTid();
        put(150, false, oldTid);
        fs.sync();
        put(150, true, fs.volume().allocTid());
        for (long asOf : new long[] {BTree.AS_OF_NOW, oldTid}) {
            List<BTreeElement> elements = new ArrayList<>();
            List<byte[]> inPlace = new ArrayList<>();
            fs.btree().scanInPlace(ObjectStore.dataKey(OBJ, 1, 1), ObjectStore.dataKey(OBJ, Long.MAX_VALUE, 0), asOf,
                    (leaf, i) -> {
                        BTreeElement e = leaf.element(i);
                        assertEquals(e.key(), leaf.key(i));
                        assertEquals(e.dataOffset(), leaf.dataOffset(i));
                        assertEquals(e.dataLen(), leaf.dataLen(i));
                        assertEquals(e.dataCrc(), leaf.dataCrc(i));
                        elements.add(e);
                        inPlace.add(bytes(store.data(leaf, i)));
                        return true;
                    });
            assertEquals(150, elements.size(), "one version of every record as of " + asOf);
            for (int n = 0; n < elements.size(); n++) {
                assertEquals(asOf == oldTid, elements.get(n).deleteTid() != 0);
                assertArrayEquals(store.readData(elements.get(n)), inPlace.get(n));
                assertArrayEquals(store.readData(elements.get(n)), bytes(store.data(elements.get(n))));
            }
        }
    }
}
