package org.odonata.fs.hammer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;

/**
 * The ACE seq-1 crash enumeration run entirely inside PFS 1, a master made at format time: every record a workload
 * writes lives in PFS 1's localization and every path goes through {@code @@-1:00001} (hammer_vop_nresolve), so a
 * power cut at any point must recover the PFS's configuration and its files as PFS 0's are.
 */
class PfsCrashEnumerationTest {

    private static final String ROOT = "/@@-1:00001";

    /** {@link HammerTarget} with the workload's paths in PFS 1. */
    private record InPfs(HammerTarget hammer) implements TargetFs {

        @Override
        public void format(BlockDevice device) {
            hammer.format(device);
            try (HammerFs fs = HammerFs.mount(device, MountOptions.defaults())) {
                fs.createPseudofs(1, false, null);
            }
        }

        @Override
        public Mounted mount(BlockDevice device) {
            return new Session(hammer.mount(device));
        }
    }

    private record Session(TargetFs.Mounted m) implements TargetFs.Mounted {

        private static String p(String path) {
            return ROOT + path;
        }

        public void create(String path) {
            m.create(p(path));
        }

        public void mkdir(String path) {
            m.mkdir(p(path));
        }

        public void write(String path, long offset, byte[] data) {
            m.write(p(path), offset, data);
        }

        public void truncate(String path, long size) {
            m.truncate(p(path), size);
        }

        public void link(String existing, String newPath) {
            m.link(p(existing), p(newPath));
        }

        public void unlink(String path) {
            m.unlink(p(path));
        }

        public void rename(String from, String to) {
            m.rename(p(from), p(to));
        }

        public void rmdir(String path) {
            m.rmdir(p(path));
        }

        public void fsync(String path) {
            m.fsync(p(path));
        }

        public void sync() {
            m.sync();
        }

        public void snapshot(String label) {
            m.snapshot(label);
        }

        public List<String> snapshots() {
            return m.snapshots();
        }

        public List<String> list(String path) {
            return m.list(p(path));
        }

        public TargetFs.Kind kind(String path) {
            return m.kind(p(path));
        }

        public byte[] read(String path) {
            return m.read(p(path));
        }

        public List<String> check() {
            return m.check();
        }

        public void unmount() {
            m.unmount();
        }
    }

    @Test
    void everySeq1CrashStateInsideAPfsRecovers() {
        CrashEnumeration.Config config = new CrashEnumeration.Config(CrashEnumerationTest.VOLUME, 512,
                CrashStates.Sampling.DEFAULT);
        CrashEnumeration.Result result = new CrashEnumeration(new InPfs(new HammerTarget(CrashEnumerationTest.NEWFS,
                MountOptions.defaults())), config).run(AceWorkloads.seq1());
        System.out.println("HAMMER seq-1 inside PFS 1: " + result.summary());
        assertEquals(List.of(), result.failures().stream().limit(20).toList());
    }
}
