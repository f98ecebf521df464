package org.odonata.fs.hammer.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.object.InodeData;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.ondisk.FreemapLayer2;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.testing.Workloads;

class HammerCheckTest {

    private static final long BB = 64 * Devices.KB;

    private final BlockDevice dev = Devices.ram(16 * Devices.MB);
    private HammerFs fs;

    @BeforeEach
    void populate() {
        fs = HammerFs.newfs(dev, new NewfsOptions(BB, 8), MountOptions.defaults());
        Workloads.mixed(fs, 120);
    }

    /** Unmounts, so corruption can be written underneath, and returns the injector. */
    private Injector unmounted() {
        fs.close();
        return new Injector(fs, dev);
    }

    private CheckReport remountAndCheck() {
        return HammerCheck.run(HammerFs.mount(dev, MountOptions.defaults().asReadOnly()));
    }

    private static void assertReported(CheckReport r, String structure, long offset, String words) {
        assertTrue(r.problems().stream().anyMatch(p -> p.structure().equals(structure) && p.offset() == offset
                && p.check().contains(words)), () -> "expected " + structure + " at " + ZoneOffset.hex(offset) + " ("
                + words + ") among:\n" + String.join("\n", r.problems().stream().map(Problem::toString).toList()));
    }

    private Injector.Found liveRecord(Injector inj, int recType, long objId) {
        return inj.find(e -> e.recType() == recType && e.objId() == objId && e.live());
    }

    @Test
    void aCleanVolumeAfterAMixedWorkloadPassesMountedAndAfterARemount() {
        CheckReport live = HammerCheck.run(fs);
        assertTrue(live.clean(), () -> String.join("\n", live.problems().stream().map(Problem::toString).toList()));
        assertTrue(live.nodes() > 3 && live.records() > 300 && live.inodes() > 100 && live.dataBytes() > 1_000_000,
                live.summary());
        fs.close();
        CheckReport again = HammerCheck.run(HammerFs.mount(dev, MountOptions.defaults()));
        assertTrue(again.clean(), again.summary());
    }

    @Test
    void aFlippedBitInALeafIsANodeCrcProblemAtThatNode() {
        Injector inj = unmounted();
        long leaf = inj.innerLeaves().getLast();
        inj.flip(leaf, 300);
        assertReported(remountAndCheck(), "B-tree node", leaf, "CRC");
    }

    @Test
    void everyInjectedProblemIsReportedNotJustTheFirst() {
        Injector inj = unmounted();
        long leaf = inj.innerLeaves().getLast();
        BTreeElement a = inj.find(e -> e.recType() == RecordType.DATA && e.dataLen() > 1000).element();
        BTreeElement b = inj.find(e -> e.recType() == RecordType.DATA && e.dataLen() < 1000).element();
        inj.flip(a.dataOffset(), 7);
        inj.flip(b.dataOffset(), 0);
        inj.editNode(leaf, buf -> buf.putLong(8, buf.getLong(8) + 4096));
        CheckReport r = remountAndCheck();
        assertReported(r, "record data", a.dataOffset(), "data_crc");
        assertReported(r, "record data", b.dataOffset(), "data_crc");
        assertReported(r, "B-tree node", leaf, "parent pointer");
    }

    @Test
    void keysOutOfOrderInsideALeafAreReportedAtTheNode() {
        Injector inj = unmounted();
        long leaf = inj.innerLeaves().getFirst();
        inj.editNode(leaf, buf -> {
            byte[] first = new byte[64];
            buf.get(64, first);
            buf.put(64, buf.array(), 128, 64);
            buf.put(128, first);
        });
        assertReported(remountAndCheck(), "B-tree node", leaf, "element 1 key");
    }

    @Test
    void aKeyOutsideItsLeafsBoundariesIsReported() {
        Injector inj = unmounted();
        long leaf = inj.innerLeaves().getFirst();
        inj.editNode(leaf, buf -> buf.putInt(64 + 36, 0));
        assertReported(remountAndCheck(), "B-tree element", leaf + 64, "outside the node's boundaries");
    }

    @Test
    void aWrongMirrorTidAndABadCountAreReportedAtTheirNodes() {
        Injector inj = unmounted();
        long leaf = inj.innerLeaves().getLast();
        long other = inj.innerLeaves().getFirst();
        inj.editNode(leaf, buf -> buf.putLong(24, 1));
        inj.editNode(other, buf -> buf.putInt(16, 99));
        CheckReport r = remountAndCheck();
        assertReported(r, "B-tree node", leaf, "mirror_tid");
        assertReported(r, "B-tree node", other, "count 99");
    }

    @Test
    void reachableDataInAFreeBigBlockIsAFreemapProblem() {
        Injector inj = unmounted();
        BTreeElement e = inj.find(x -> x.recType() == RecordType.DATA).element();
        long index = ZoneOffset.offset(e.dataOffset()) / BB;
        inj.setLayer2(index, FreemapLayer2.free(BB));
        CheckReport r = remountAndCheck();
        assertReported(r, "freemap layer2 entry", fs.blockmap().layer2Offset(index), "is free but holds the reachable");
        assertReported(r, "volume header", 56, "free big-blocks");
    }

    @Test
    void freeSpaceCountedOverReachableBytesOrTheWrongZoneIsAFreemapProblem() {
        Injector inj = unmounted();
        BTreeElement small = inj.find(x -> x.recType() == RecordType.DATA && x.dataLen() < 1000).element();
        BTreeElement node = inj.find(x -> x.recType() == RecordType.INODE).element();
        long i1 = ZoneOffset.offset(small.dataOffset()) / BB;
        long i2 = ZoneOffset.offset(node.dataOffset()) / BB;
        FreemapLayer2 l1 = fs.blockmap().layer2(i1);
        FreemapLayer2 l2 = fs.blockmap().layer2(i2);
        inj.setLayer2(i1, new FreemapLayer2(l1.zone(), l1.appendOff(), (int) BB - 16));
        inj.setLayer2(i2, new FreemapLayer2(ZoneOffset.LARGE_DATA, l2.appendOff(), l2.bytesFree()));
        CheckReport r = remountAndCheck();
        assertReported(r, "freemap layer2 entry", fs.blockmap().layer2Offset(i1), "less than the");
        assertReported(r, "freemap layer2 entry", fs.blockmap().layer2Offset(i2), "belongs to zone 10");
    }

    @Test
    void aLinkCountThatDisagreesWithTheEntriesIsAnInodeProblem() {
        long f7 = fs.lookup("/src/f7");
        Injector inj = unmounted();
        Injector.Found ino = liveRecord(inj, RecordType.INODE, f7);
        InodeData d = InodeData.decode(fs.objects().readData(ino.element()), 0);
        inj.rewriteData(ino, new InodeData(d.objType(), d.mode(), 3, d.size(), d.parentObjId(), d.ctime(), d.mtime(),
                d.atime()).encode());
        assertReported(remountAndCheck(), "inode", ino.at(), "nlinks 3 but 1 live directory entries");
    }

    @Test
    void anEntryNamingNoInodeIsReportedAndItsFormerTargetBecomesAnOrphan() {
        long src = fs.lookup("/src");
        long f5 = fs.lookup("/src/f5");
        Injector inj = unmounted();
        Injector.Found entry = inj.find(e -> e.recType() == RecordType.DIRENTRY && e.objId() == src && e.live()
                && fs.objects().entry(e).name().equals("f5"));
        byte[] data = fs.objects().readData(entry.element());
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 999_999);
        inj.rewriteData(entry, data);
        CheckReport r = remountAndCheck();
        assertReported(r, "directory entry", entry.at(), "names object 999999, which has no live inode");
        assertReported(r, "inode", liveRecord(inj, RecordType.INODE, f5).at(), "orphan");
    }

    @Test
    void aSnapshotRecordHoldingAnotherTidIsReported() {
        Injector inj = unmounted();
        Injector.Found snap = inj.find(e -> e.recType() == RecordType.SNAPSHOT && e.live());
        byte[] data = fs.objects().readData(snap.element());
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(0, snap.element().createTid() + 5);
        inj.rewriteData(snap, data);
        CheckReport r = remountAndCheck();
        assertReported(r, "snapshot", snap.at(), "holds the snapshot of");
        assertReported(r, "snapshot", snap.at(), "is not before the record's create_tid");
    }

    @Test
    void twoLiveVersionsOfOneRecordAreReported() {
        long f1 = fs.lookup("/src/f1");
        Injector inj = unmounted();
        Injector.Found old = inj.find(e -> e.recType() == RecordType.INODE && e.objId() == f1 && !e.live());
        inj.editNode(old.node(), buf -> buf.putLong((int) (old.at() - old.node()) + 24, 0));
        CheckReport r = remountAndCheck();
        assertTrue(r.problems().stream().anyMatch(p -> p.check().contains("second live INODE record")),
                r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.check().contains("overlaps the previous version")),
                r.problems().toString());
    }
}
