package org.odonata.bench;

import java.util.concurrent.TimeUnit;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.hw.x86.disk.Disks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A name looked up in a directory of {@code files} flushed entries (hammer_vop_nresolve: one B-tree search for the
 * name's namekey, then the entries of its collision range), on a volume of version 7 (ALG0 directory hash) or 8
 * (ALG1); names like a build tree's ({@code src/f123.c}, {@code f123.o}, {@code f123.c~}), whose segments ALG1 hashes
 * apart. The volume lives on a RAM disk, so this is the search and the entry reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DirLookupBench {

    private static final String[] SUFFIXES = {".c", ".o", ".c~"};

    @Param({"7", "8"})
    public int version;

    @Param({"30000"})
    public int files;

    private BlockDevice dev;
    private HammerFs fs;
    private long dir;
    private String[] names;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        dev = Disks.open(new DiskSpec("dir-bench", DiskKind.RAM, 1L << 30, 4096, null, false), null);
        fs = HammerFs.newfs(dev, NewfsOptions.defaults().withVersion(version), MountOptions.defaults());
        dir = fs.mkdir("/src");
        names = new String[files];
        for (int i = 0; i < files; i++) {
            names[i] = "f" + (i / SUFFIXES.length) + SUFFIXES[i % SUFFIXES.length];
            fs.create("/src/" + names[i]);
        }
        fs.sync();
    }

    @TearDown(Level.Trial)
    public void close() {
        fs.close();
        dev.close();
    }

    /** A name that exists, a different one each call (a stride coprime to the count). */
    @Benchmark
    public long lookup() {
        next = (next + 7919) % files;
        return fs.lookup(dir, names[next]);
    }

    /** A name that does not exist: the search and an empty (or colliding) range. */
    @Benchmark
    public long lookupMissing() {
        next = (next + 7919) % files;
        return fs.lookup(dir, names[next] + "x");
    }
}
