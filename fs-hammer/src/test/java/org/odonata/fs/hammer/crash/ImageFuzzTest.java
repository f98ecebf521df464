package org.odonata.fs.hammer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * Seeded bad input: a formatted, populated, cleanly unmounted volume with bits flipped in one structure (the
 * header, a B-tree node, the freemap, file data) or the image truncated; and, for the UNDO/REDO FIFO, the
 * same volume cut off after an fsync'd append, so recovery has a live span to read. Mounting it and
 * reading everything must either give exactly the data written (for the cut volume: with or without the
 * append, as a corrupt FIFO record ends the span like a torn one), or throw {@link HammerCorruptionException}
 * naming structure, offset and check; any other exception, wrong data or a hang fails.
 */
class ImageFuzzTest {

    static final int CASES = 120;
    static final long SEED = 0xF022;

    enum Target { HEADER, BTREE, FREEMAP, UNDO, DATA, TRUNCATE }

    /** Device byte ranges [from, to) of each structure, found through the filesystem's own structures. */
    static Map<Target, List<long[]>> locate(DiskImage image) {
        Map<Target, List<long[]>> where = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            where.put(t, new ArrayList<>());
        }
        where.get(Target.HEADER).add(new long[] {0, VolumeHeader.SIZE});
        HammerFs fs = HammerFs.mount(new ImageDevice(image), MountOptions.defaults().asReadOnly());
        Volume vol = fs.volume();
        long bb = vol.bigBlockSize();
        long undo0 = Volume.BUF_BEG + ZoneOffset.offset(vol.header().undoArray(0));
        where.get(Target.FREEMAP).add(new long[] {Volume.BUF_BEG, undo0});
        int undoBigBlocks = 0;
        while (undoBigBlocks < VolumeHeader.UNDO_ARRAY_SIZE && vol.header().undoArray(undoBigBlocks) != 0) {
            undoBigBlocks++;
        }
        where.get(Target.UNDO).add(new long[] {undo0, undo0 + undoBigBlocks * bb});
        fs.btree().walk((node, depth, left, right) -> {
            long at = vol.deviceOffset(node.offset(), Volume.BLOCK, "B-tree node");
            where.get(Target.BTREE).add(new long[] {at, at + Volume.BLOCK});
            for (int i = 0; node.isLeaf() && i < node.count(); i++) {
                var e = node.element(i);
                if (e.recType() == RecordType.DATA && e.dataLen() > 0) {
                    long data = vol.deviceOffset(e.dataOffset(), e.dataLen(), "data");
                    where.get(Target.DATA).add(new long[] {data, data + e.dataLen()});
                }
            }
        });
        return where;
    }

    static DiskImage populated() {
        DiskSpec spec = new DiskSpec("fuzz0", DiskKind.RAM, CrashEnumerationTest.VOLUME, 512, null, false);
        ImageDevice device = new ImageDevice(DiskImage.blank(spec));
        HammerTarget target = new HammerTarget(CrashEnumerationTest.NEWFS, MountOptions.defaults());
        target.format(device);
        TargetFs.Mounted fs = target.mount(device);
        AceWorkloads.setup(new FsModel(), fs);
        fs.snapshot("fuzz");
        fs.unmount();
        return device.snapshot().compact();
    }

    /** {@code clean} after {@code write(/A); fsync(/A)} and a power cut: the REDO span is live. */
    static DiskImage crashedAfterFsync(DiskImage clean, FsModel model) {
        ImageDevice device = new ImageDevice(clean);
        TargetFs.Mounted fs = new HammerTarget(CrashEnumerationTest.NEWFS, MountOptions.defaults()).mount(device);
        model.apply(new FsOp.Write("/A"), 1, fs);
        fs.fsync("/A");
        return device.snapshot();
    }

    /** Flips 1 to 3 distinct bits of one random written byte inside a random range of {@code ranges}. */
    static String flip(ImageDevice device, DiskImage image, List<long[]> ranges, SplittableRandom random) {
        long[] written = image.writtenSectors();
        int sector = image.spec().sectorSize();
        List<Long> candidates = new ArrayList<>();
        for (long[] r : ranges) {
            for (long s : written) {
                if (s * sector >= r[0] && s * sector < r[1]) {
                    candidates.add(s);
                }
            }
        }
        long s = candidates.get(random.nextInt(candidates.size()));
        ByteBuffer buf = ByteBuffer.allocate(sector);
        device.read(s * sector, buf);
        int at = random.nextInt(sector);
        int bits = 1 + random.nextInt(3);
        int mask = 0;
        while (Integer.bitCount(mask) < bits) {
            mask |= 1 << random.nextInt(8);
        }
        buf.put(at, (byte) (buf.get(at) ^ mask));
        device.write(s * sector, buf.flip(), false);
        return bits + " bits at byte " + (s * sector + at);
    }

    @Test
    void corruptImagesAreRefusedWithTheStructureOffsetAndCheckOrReadCorrectly() {
        DiskImage clean = populated();
        Map<Target, List<long[]>> where = locate(clean);
        FsModel model = AceWorkloads.setupModel();
        FsModel.View expected = model.view();
        DiskImage crashed = crashedAfterFsync(clean, model);
        List<FsModel.View> cleanViews = List.of(expected);
        List<FsModel.View> crashedViews = List.of(expected, model.view());
        SplittableRandom random = new SplittableRandom(SEED);
        Map<Target, int[]> outcomes = new EnumMap<>(Target.class);
        for (int c = 0; c < CASES; c++) {
            Target target = Target.values()[c % Target.values().length];
            ImageDevice device;
            String mutation;
            if (target == Target.TRUNCATE) {
                long size = Math.max(512, (long) (clean.spec().sizeBytes() * random.nextDouble()) / 512 * 512);
                device = new ImageDevice(clean.resized(size));
                mutation = "truncated to " + size + " bytes";
            } else {
                DiskImage base = target == Target.UNDO ? crashed : clean;
                device = new ImageDevice(base);
                mutation = flip(device, base, where.get(target), random);
            }
            String what = "case " + c + " (" + target + ", " + mutation + ")";
            List<FsModel.View> acceptable = target == Target.UNDO ? crashedViews : cleanViews;
            boolean refused = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> mountAndRead(device,
                    acceptable, what), what + " hung");
            outcomes.computeIfAbsent(target, t -> new int[2])[refused ? 1 : 0]++;
        }
        StringBuilder summary = new StringBuilder("image fuzz, " + CASES + " cases (seed " + SEED + "):");
        outcomes.forEach((t, n) -> summary.append(' ').append(t).append(" read-correctly ").append(n[0])
                .append(" refused ").append(n[1]).append(';'));
        System.out.println(summary);
        assertTrue(outcomes.get(Target.HEADER)[1] > 0, "some header corruption is detected");
        assertTrue(outcomes.get(Target.BTREE)[1] > 0, "some B-tree corruption is detected");
    }

    /** True if HAMMER refused the image properly; false if everything read back as one acceptable state. */
    static boolean mountAndRead(ImageDevice device, List<FsModel.View> acceptable, String what) {
        try {
            HammerTarget target = new HammerTarget(CrashEnumerationTest.NEWFS, MountOptions.defaults());
            TargetFs.Mounted fs = target.mount(device);
            FsWalk walk = FsWalk.of(fs);
            FsModel.View expected = acceptable.getFirst();
            assertEquals(expected.files().keySet(), walk.files().keySet(), what + ": file names");
            assertEquals(expected.dirs(), walk.dirs(), what + ": directories");
            assertEquals(List.of("fuzz"), walk.snapshots(), what + ": snapshots");
            assertTrue(acceptable.stream().anyMatch(v -> sameFiles(v, walk)), what + ": file contents differ from "
                    + acceptable.size() + " acceptable states");
            return false;
        } catch (HammerCorruptionException e) {
            assertFalse(e.structure().isBlank(), what + ": no structure in " + e.getMessage());
            assertFalse(e.check().isBlank(), what + ": no check in " + e.getMessage());
            assertTrue(e.getMessage().contains("0x"), what + ": no offset in " + e.getMessage());
            return true;
        } catch (RuntimeException e) {
            fail(what + ": threw " + e + " instead of HammerCorruptionException", e);
            return false;
        }
    }

    static boolean sameFiles(FsModel.View view, FsWalk walk) {
        return view.files().keySet().stream().allMatch(p -> Arrays.equals(view.files().get(p), walk.files().get(p)));
    }
}
