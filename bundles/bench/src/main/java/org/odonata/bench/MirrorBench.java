package org.odonata.bench;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.mirror.MirrorRead;
import org.odonata.hw.x86.disk.Disks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Incremental mirror-read (hammer_ioc_mirror_read with the mirror-filtered scan) of a PFS holding about
 * {@code records} B-tree records after {@code changed} files were rewritten since the last sync point: the cost should
 * follow {@code changed}, not {@code records}, since every run of neighbouring subtrees without a change is one SKIP;
 * a leaf with a change is read whole (its other records go as PASS, as in DragonFly), so scattered changes cost up to
 * a leaf (63 records) each. The stream goes to a null sink; the PFS lives on a RAM disk, so this is the scan and the data reads. The setup
 * prints the stream's counts (REC, PASS, SKIP, bytes, nodes entered) and how long building the PFS took: about 40 s
 * for 10⁶ records on an idle core, whose live heap is about 0.9 GB (hence the fork's 3 GB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = {"-Xms1g", "-Xmx3g"})
public class MirrorBench {

    private static final int PFS = 1;

    /** Records in the PFS: each file is an INODE and a DIRENTRY record (2 per file) and one DATA record. */
    @Param({"10000", "100000", "1000000"})
    public int records;

    /** Files rewritten after the sync point (each adds a DATA record and a new INODE version, and deletes two). */
    @Param({"10", "1000"})
    public int changed;

    /**
     * Which files change: {@code scattered} evenly over the PFS (each change in a leaf of its own while there are
     * enough leaves: the worst case, every changed leaf is read whole), or {@code clustered}, consecutive files.
     */
    @Param({"scattered", "clustered"})
    public String layout;

    private BlockDevice dev;
    private HammerFs fs;
    private long since;

    @Setup(Level.Trial)
    public void build() {
        long t0 = System.nanoTime();
        dev = Disks.open(new DiskSpec("mirror-bench", DiskKind.RAM, 4L << 30, 4096, null, false), null);
        fs = HammerFs.newfs(dev, NewfsOptions.defaults(), MountOptions.defaults());
        fs.createPseudofs(PFS, false, null);
        int files = records / 3;
        byte[] data = new byte[64];
        for (int i = 0; i < files; i++) {
            String f = "/@@-1:00001/f" + i;
            fs.create(f);
            fs.write(f, 0, data);
        }
        since = fs.sync();
        data[0] = 1;
        long stride = layout.equals("clustered") ? 1 : Math.max(1, files / changed);
        for (int i = 0; i < changed; i++) {
            fs.write("/@@-1:00001/f" + (i * stride), 0, data);
        }
        fs.sync();
        MirrorRead.Report r = fs.mirrorRead(PFS, since, OutputStream.nullOutputStream());
        System.out.printf("%nrecords %d, changed files %d, %s: %s; setup %.1f s%n", records, changed, layout, r,
                (System.nanoTime() - t0) / 1e9);
    }

    @TearDown(Level.Trial)
    public void close() {
        fs.close();
        dev.close();
    }

    @Benchmark
    public MirrorRead.Report incrementalRead(IterationCpuTime cpu) {
        cpu.ops++;
        return fs.mirrorRead(PFS, since, OutputStream.nullOutputStream());
    }
}
