package org.odonata.fs.hammer.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.cleanup.PrunePolicy;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.fs.DirEntry;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.fs.Stat;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.object.PseudoFsData;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.Devices;

/** Mirroring as hammer_mirror.c does it: PFS 1 is the master, PFS 2 its slave; each test names what it pins. */
class MirrorTest {

    static final int MASTER = 1;
    static final int SLAVE = 2;

    private final BlockDevice dev = Devices.ram(64 * Devices.MB);
    private HammerFs fs = HammerFs.newfs(dev, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());

    MirrorTest() {
        fs.createPseudofs(MASTER, false, null);
        fs.createPseudofs(SLAVE, true, fs.pseudofs(MASTER).sharedUuid());
    }

    static String now(int pfs) {
        return String.format("/@@-1:%05d", pfs);
    }

    static String asOf(long tid, int pfs) {
        return String.format("/@@0x%016x:%05d", tid, pfs);
    }

    static byte[] read(HammerFs fs, int pfs, long since) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fs.mirrorRead(pfs, since, out);
        return out.toByteArray();
    }

    /** hammer mirror-copy: reads the master since the slave's sync_end_tid and writes it to the slave. */
    static MirrorWrite.Report copy(HammerFs fs) {
        return fs.mirrorWrite(SLAVE, read(fs, MASTER, fs.pseudofs(SLAVE).syncEndTid()));
    }

    /**
     * What mtree would list under {@code root}: for each path its type, size, link count, obj_id (so hard links are
     * the same object on both sides) and a CRC of its content.
     */
    static SortedMap<String, String> tree(HammerFs fs, String root) {
        SortedMap<String, String> out = new TreeMap<>();
        walk(fs, root, "", out);
        return out;
    }

    private static void walk(HammerFs fs, String root, String rel, SortedMap<String, String> out) {
        for (DirEntry e : fs.readdir(root + (rel.isEmpty() ? "/" : rel))) {
            String path = rel + "/" + e.name();
            Stat st = fs.stat(root + path);
            String line = "type=" + st.objType() + " size=" + st.size() + " nlink=" + st.nlinks() + " obj="
                    + Long.toHexString(Localization.objId(st.objId()));
            if (st.isDirectory()) {
                out.put(path, line);
                walk(fs, root, path, out);
            } else {
                CRC32C crc = new CRC32C();
                crc.update(fs.read(root + path, 0, Math.toIntExact(st.size())));
                out.put(path, line + " crc=" + Long.toHexString(crc.getValue()));
            }
        }
    }

    /** A seeded random round of changes in the master: creates, writes, truncates, links, renames, unlinks, mkdirs. */
    static void workload(HammerFs fs, SplittableRandom r, int ops) {
        String root = now(MASTER);
        for (int i = 0; i < ops; i++) {
            List<String> files = new ArrayList<>();
            List<String> dirs = new ArrayList<>(List.of(""));
            for (var e : tree(fs, root).entrySet()) {
                (e.getValue().startsWith("type=1 ") ? dirs : files).add(e.getKey());
            }
            String dir = dirs.get(r.nextInt(dirs.size()));
            String name = dir + "/n" + r.nextInt(1000);
            int op = r.nextInt(10);
            try {
                if (op < 3 || files.isEmpty()) {
                    if (!fs.exists(root + name)) {
                        fs.create(root + name);
                    }
                    byte[] data = new byte[r.nextInt(40_000)];
                    r.nextBytes(data);
                    fs.write(root + name, r.nextInt(3) == 0 ? r.nextInt(20_000) : 0, data);
                } else {
                    String f = files.get(r.nextInt(files.size()));
                    switch (op) {
                        case 3, 4 -> fs.write(root + f, r.nextInt(30_000), ("rewrite " + i).getBytes(StandardCharsets.UTF_8));
                        case 5 -> fs.truncate(root + f, r.nextInt(10_000));
                        case 6 -> fs.link(root + f, root + name);
                        case 7 -> fs.rename(root + f, root + name);
                        case 8 -> fs.unlink(root + f);
                        default -> fs.mkdir(root + name);
                    }
                }
            } catch (HammerException e) {
                if (e.errno() != Errno.EEXIST && e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
            if (r.nextInt(8) == 0) {
                fs.sync();
            }
        }
    }

    private HammerFs remount() {
        fs = Checks.remount(fs, dev);
        return fs;
    }

    /**
     * hammer_ioc_mirror_read + hammer_ioc_mirror_write, round after round of a seeded random workload: the slave as
     * viewed at its sync_end_tid equals the master as of that TID, before and after a remount.
     */
    @Test
    void afterEachMirrorCopyTheSlaveEqualsTheMasterAsOfSyncEndTid() {
        SplittableRandom r = new SplittableRandom(0x5EED);
        for (int round = 0; round < 6; round++) {
            workload(fs, r, 25);
            copy(fs);
            long end = fs.pseudofs(SLAVE).syncEndTid();
            SortedMap<String, String> master = tree(fs, asOf(end, MASTER));
            assertTrue(master.size() > 3, master.toString());
            assertEquals(master, tree(fs, now(SLAVE)), "round " + round);
            assertEquals(master, tree(fs, asOf(end, SLAVE)));
        }
        long end = fs.pseudofs(SLAVE).syncEndTid();
        SortedMap<String, String> master = tree(fs, asOf(end, MASTER));
        remount();
        assertEquals(end, fs.pseudofs(SLAVE).syncEndTid());
        assertEquals(master, tree(fs, now(SLAVE)));
        MirrorWrite.Report again = copy(fs);
        assertEquals(0, again.created() + again.deleteTidsSet() + again.gapsDeleted(), "nothing new: nothing changes");
    }

    /**
     * HAMMER_CURSOR_MIRROR_FILTERED: after one file changes in a large PFS, the incremental read enters only the
     * subtrees whose mirror_tid is recent and sends one SKIP for each run of neighbouring subtrees without changes
     * (hammer_cursor_mirror_filter), so at most one more SKIP than children entered per internal node entered.
     */
    @Test
    void anIncrementalReadSkipsEverySubtreeWithoutChanges() {
        for (int i = 0; i < 600; i++) {
            fs.create(now(MASTER) + "/f" + i);
            fs.write(now(MASTER) + "/f" + i, 0, ("file " + i).getBytes(StandardCharsets.UTF_8));
        }
        copy(fs);
        long since = fs.pseudofs(SLAVE).syncEndTid();
        fs.write(now(MASTER) + "/f300", 0, "changed".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        MirrorRead.Report all = fs.mirrorRead(MASTER, 1, full);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MirrorRead.Report inc = fs.mirrorRead(MASTER, since, out);
        assertEquals(0, all.skips());
        assertTrue(inc.skips() > 0 && inc.nodesEntered() <= 3 * fs.btree().height(), inc.toString());
        assertTrue(inc.skips() <= 2 * inc.nodesEntered(), "runs of unchanged subtrees, one SKIP each: " + inc);
        assertTrue(inc.nodesEntered() * 5 < all.nodesEntered(), inc + " vs " + all);
        assertTrue(inc.recs() >= 2 && inc.recs() <= 4, "the data record and the inode: " + inc);
        assertTrue(inc.bytes() * 10 < all.bytes(), inc + " vs " + all);
        fs.mirrorWrite(SLAVE, out.toByteArray());
        assertEquals("changed", new String(fs.read(now(SLAVE) + "/f300", 0, 7), StandardCharsets.UTF_8));
        assertEquals(tree(fs, asOf(fs.pseudofs(SLAVE).syncEndTid(), MASTER)), tree(fs, now(SLAVE)));
    }

    /** A deletion on the master reaches the slave as a PASS record with its delete_tid (hammer_mirror_update). */
    @Test
    void deletionsReachTheSlaveAndItsHistoryStays() {
        fs.create(now(MASTER) + "/gone");
        fs.write(now(MASTER) + "/gone", 0, "soon deleted".getBytes(StandardCharsets.UTF_8));
        copy(fs);
        long before = fs.pseudofs(SLAVE).syncEndTid();
        fs.unlink(now(MASTER) + "/gone");
        copy(fs);
        assertTrue(!fs.exists(now(SLAVE) + "/gone"));
        assertEquals("soon deleted", new String(fs.read(asOf(before, SLAVE) + "/gone", 0, 12), StandardCharsets.UTF_8));
    }

    /**
     * hammer_mirror_delete_to: records the master deleted and then pruned away are not in the stream at all; the
     * slave still holds them live in a gap between the records sent, and deletes them at tid_end.
     */
    @Test
    void recordsPrunedOnTheMasterAreDeletedOnTheSlaveAsGaps() {
        for (int i = 0; i < 5; i++) {
            fs.create(now(MASTER) + "/p" + i);
            fs.write(now(MASTER) + "/p" + i, 0, ("pruned " + i).getBytes(StandardCharsets.UTF_8));
        }
        copy(fs);
        fs.unlink(now(MASTER) + "/p2");
        fs.unlink(now(MASTER) + "/p3");
        fs.prune(PrunePolicy.everything());
        MirrorWrite.Report r = copy(fs);
        assertTrue(r.gapsDeleted() >= 4, "p2 and p3: their inodes, entries and data: " + r);
        long end = fs.pseudofs(SLAVE).syncEndTid();
        assertEquals(tree(fs, asOf(end, MASTER)), tree(fs, now(SLAVE)));
        assertTrue(!fs.exists(now(SLAVE) + "/p2") && fs.exists(now(SLAVE) + "/p4"));
    }

    /**
     * A stream cut at any byte, or with one byte changed, or with two records swapped, or for another PFS, is refused
     * naming the byte, and the slave stays exactly as it was; the resumed copy then converges.
     */
    @Test
    void aDamagedStreamIsRefusedWithItsOffsetAndTheSlaveStaysAsItWas() {
        SplittableRandom r = new SplittableRandom(7);
        workload(fs, r, 15);
        copy(fs);
        workload(fs, r, 10);
        PseudoFsData slave = fs.pseudofs(SLAVE);
        SortedMap<String, String> before = tree(fs, now(SLAVE));
        byte[] s = read(fs, MASTER, slave.syncEndTid());
        MirrorStream.Parsed parsed = MirrorStream.parse(s);
        assertTrue(parsed.records().size() >= 3, parsed.records().toString());
        List<Integer> cuts = new ArrayList<>();
        for (int cut = 0; cut < s.length; cut += Math.max(1, s.length / 200)) {
            cuts.add(cut);
        }
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = MirrorStream.HEADER_SIZE; at < s.length; at += b.getInt(at + 8)) {
            cuts.addAll(List.of(at - 1, at, at + 1, at + MirrorStream.HEAD));
        }
        cuts.add(s.length - 1);
        for (int cut : cuts) {
            refused(Arrays.copyOf(s, cut), slave, before, "truncated");
        }
        for (int i = 0; i < 40; i++) {
            byte[] bad = s.clone();
            int at = r.nextInt(bad.length);
            bad[at] ^= (byte) (1 << r.nextInt(8));
            long offset = refused(bad, slave, before, "").offset();
            assertTrue(offset <= at + 1 || offset >= at - 64 * 1024, "fault at " + at + " named at " + offset);
        }
        refused(swapFirstTwoRecords(s), slave, before, "");
        byte[] longer = Arrays.copyOf(s, s.length + 3);
        refused(longer, slave, before, "after the SYNC terminator");
        fs.createPseudofs(3, false, null);
        MirrorStreamException wrong = assertThrows(MirrorStreamException.class,
                () -> fs.mirrorWrite(SLAVE, read(fs, 3, 1)));
        assertTrue(wrong.getMessage().contains("wrong PFS") && wrong.offset() == 16, wrong.getMessage());
        assertThrows(MirrorStreamException.class, () -> fs.mirrorWrite(SLAVE, read(fs, MASTER, fs.pseudofs(MASTER)
                .syncEndTid())), "a stream starting after the slave's sync_end_tid leaves a gap");
        assertEquals(before, tree(fs, now(SLAVE)));

        fs.mirrorWrite(SLAVE, read(fs, MASTER, fs.pseudofs(SLAVE).syncEndTid()));
        assertEquals(tree(fs, asOf(fs.pseudofs(SLAVE).syncEndTid(), MASTER)), tree(fs, now(SLAVE)));
    }

    /** Exhaustively on a small stream: cut at every byte, or with any one byte changed, it is refused. */
    @Test
    void aSmallStreamCutOrChangedAtAnyByteIsRefused() {
        copy(fs);
        fs.create(now(MASTER) + "/small");
        fs.write(now(MASTER) + "/small", 0, "tiny".getBytes(StandardCharsets.UTF_8));
        PseudoFsData slave = fs.pseudofs(SLAVE);
        SortedMap<String, String> before = tree(fs, now(SLAVE));
        byte[] s = read(fs, MASTER, slave.syncEndTid());
        for (int cut = 0; cut < s.length; cut++) {
            refused(Arrays.copyOf(s, cut), slave, before, "truncated");
        }
        for (int at = 0; at < s.length; at++) {
            byte[] bad = s.clone();
            bad[at] ^= (byte) 0x80;
            refused(bad, slave, before, "");
        }
        assertEquals(before, tree(fs, now(SLAVE)));
        fs.mirrorWrite(SLAVE, s);
        assertEquals("tiny", new String(fs.read(now(SLAVE) + "/small", 0, 4), StandardCharsets.UTF_8));
    }

    private MirrorStreamException refused(byte[] stream, PseudoFsData slave, SortedMap<String, String> before,
            String says) {
        MirrorStreamException e = assertThrows(MirrorStreamException.class, () -> fs.mirrorWrite(SLAVE, stream));
        assertTrue(e.getMessage().contains(says) && e.getMessage().contains("at byte " + e.offset()), e.getMessage());
        assertEquals(slave, fs.pseudofs(SLAVE));
        return e;
    }

    /** The first two records exchanged, each still with a valid CRC. */
    static byte[] swapFirstTwoRecords(byte[] s) {
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        int a = MirrorStream.HEADER_SIZE;
        int sizeA = b.getInt(a + 8);
        int sizeB = b.getInt(a + sizeA + 8);
        byte[] out = s.clone();
        System.arraycopy(s, a + sizeA, out, a, sizeB);
        System.arraycopy(s, a, out, a + sizeB, sizeA);
        return out;
    }

    /**
     * A slave on another volume, whose TIDs lag the master's: mirror-write raises its vol0_next_tid above every TID
     * it stores (hammer_mirror_write), so it mounts again (a next_tid at or below the root's mirror_tid is refused)
     * and its own later TIDs stay after the mirrored history.
     */
    @Test
    void aSlaveOnAnotherVolumeMountsAgainAndShowsTheMaster() {
        SplittableRandom r = new SplittableRandom(99);
        workload(fs, r, 20);
        fs.sync();
        BlockDevice otherDev = Devices.ram(64 * Devices.MB);
        HammerFs other = HammerFs.newfs(otherDev, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());
        other.createPseudofs(7, true, fs.pseudofs(MASTER).sharedUuid());
        byte[] s = read(fs, MASTER, 0);
        long end = MirrorStream.parse(s).header().tidEnd();
        assertTrue(Long.compareUnsigned(other.volume().header().nextTid(), end) <= 0, "the other volume lags");
        other.mirrorWrite(7, s);
        other.close();
        other = HammerFs.mount(otherDev, MountOptions.defaults());
        Checks.assertClean(other);
        assertEquals(end, other.pseudofs(7).syncEndTid());
        assertEquals(tree(fs, asOf(end, MASTER)), tree(other, now(7)));
        assertTrue(Long.compareUnsigned(other.sync(), end) > 0, "the slave's own TIDs come after what it mirrored");
        other.close();
    }

    /** PFS 0 is refused as a source; a master as a target; the stream's header names its PFS and shared UUID. */
    @Test
    void onlyAPfsMirrorsAndOnlyIntoASlave() {
        assertEquals(Errno.EINVAL, assertThrows(HammerException.class, () -> read(fs, 0, 1)).errno());
        byte[] s = read(fs, MASTER, 0);
        MirrorStream.Header h = MirrorStream.parse(s).header();
        assertEquals(new MirrorStream.Header(fs.pseudofs(MASTER).sharedUuid(), MASTER, 1,
                fs.pseudofs(MASTER).syncEndTid()), h);
        fs.createPseudofs(4, false, null);
        HammerException e = assertThrows(HammerException.class, () -> fs.mirrorWrite(4, s));
        assertTrue(e.getMessage().contains("it is a master"), e.getMessage());
        fs.createPseudofs(5, true, UUID.nameUUIDFromBytes(new byte[] {1}));
        assertTrue(assertThrows(MirrorStreamException.class, () -> fs.mirrorWrite(5, s)).getMessage()
                .contains("wrong PFS"));
    }
}
