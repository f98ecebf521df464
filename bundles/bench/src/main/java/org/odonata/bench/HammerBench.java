package org.odonata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * HAMMER's B-tree against H2's MVStore on the same keys and value sizes, both on host files: a preload of
 * {@value #PRELOAD} records of {@value #VALUE} bytes under scattered 32-bit keys, committed (the old version),
 * then every record replaced and committed again, so each key has history. Then: insert of new keys (a
 * commit every {@value #BATCH}), point lookup, a scan of {@value #SCAN} records in key order, and a lookup as
 * of the old version. Both stores deliver each value read the same way, as a reference to its bytes (MVStore its
 * stored array, HAMMER the bytes in place in their data buffer after the CRC check every extract makes), and the
 * benchmark checks every byte of it against what was written ({@link ValueCheck}), so neither is timed for bytes it
 * never touches. Compare the
 * {@code store=hammer} and {@code store=mvstore} rows of each benchmark; on a shared host compare
 * {@code cpuMicros / ops} ({@link IterationCpuTime}) too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HammerBench {

    static final int PRELOAD = 50_000;
    static final int VALUE = 256;
    static final int BATCH = 1000;
    static final int SCAN = 100;
    /** Sparse, so only what is written takes space. */
    private static final long VOLUME = 8L << 30;

    @Param({"hammer", "mvstore"})
    public String store;

    private Path dir;
    private Records records;
    private long oldVersion;
    private long inserted;
    private final SplittableRandom random = new SplittableRandom(2026);
    private final byte[] value = new byte[VALUE];
    private ValueCheck check;

    /** The n-th key: an odd multiplier is a permutation of the 32-bit keys, so keys never repeat. */
    static long key(long n) {
        return (n * 0x9E3779B1L) & 0xFFFFFFFFL;
    }

    @Setup
    public void open() throws IOException {
        dir = Files.createTempDirectory("hammer-bench");
        records = store.equals("hammer") ? new HammerRecords(dir.resolve("volume.img"), VOLUME, VALUE)
                : new MvStoreRecords(dir.resolve("store.mv.db"));
        random.nextBytes(value);
        check = new ValueCheck(value);
        oldVersion = preload(records, value);
        inserted = PRELOAD;
    }

    /** Puts the {@value #PRELOAD} records, then replaces each: returns the version before the replacements. */
    static long preload(Records records, byte[] value) {
        long oldVersion = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (long n = 0; n < PRELOAD; n++) {
                value[0] = (byte) pass;
                records.put(key(n), value.clone(), pass == 1);
                if ((n + 1) % BATCH == 0) {
                    long version = records.commit();
                    oldVersion = pass == 0 ? version : oldVersion;
                }
            }
        }
        return oldVersion;
    }

    @TearDown
    public void close() throws IOException {
        records.close();
        delete(dir);
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public void insert(IterationCpuTime cpu) {
        cpu.ops++;
        records.put(key(inserted++), value, false);
        if (inserted % BATCH == 0) {
            records.commit();
        }
    }

    @Benchmark
    public long lookup(IterationCpuTime cpu) {
        cpu.ops++;
        return records.get(key(random.nextLong(PRELOAD)), check);
    }

    @Benchmark
    public long scan(IterationCpuTime cpu) {
        cpu.ops++;
        return records.scan(key(random.nextLong(PRELOAD)), SCAN, check);
    }

    @Benchmark
    public long asOfRead(IterationCpuTime cpu) {
        cpu.ops++;
        return records.getAsOf(key(random.nextLong(PRELOAD)), oldVersion, check);
    }
}
