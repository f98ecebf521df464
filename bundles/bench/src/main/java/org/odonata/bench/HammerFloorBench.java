package org.odonata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.odonata.fs.hammer.ondisk.Crc32c;
import org.odonata.fs.hammer.volume.DataSlice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The part of {@link HammerBench}'s HAMMER lookup and scan that HAMMER's on-disk format imposes, measured alone on
 * the same volume: a record's data lies apart from its leaf, in the data buffer it was written to (in write
 * order, so records next to each other in key order lie in different buffers), and every extract checks the
 * data's CRC (hammer_btree_extract, hammer_crc_test_leaf). Setup finds each live record's data in place once;
 * {@code lookupData} then checks and reads one random record's data, {@code scanData} those of {@value
 * HammerBench#SCAN} neighbours in key order from a random one, each checked by {@link ValueCheck} as HammerBench
 * checks every value. No B-tree, no cache lookup, no lock: a floor under the HAMMER rows.
 * {@code scanDataFindingBuffers} adds what finding each record's data buffer costs (the volume's data-buffer
 * lookup from the data_offset, as hammer_bread_ext must find the buffer: the data is not in the leaf).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HammerFloorBench {

    private Path dir;
    private HammerRecords records;
    private List<HammerRecords.Extract> live;
    private ValueCheck check;
    /** Seeded as HammerBench's: the same value bytes, and starts uniform over the records as its random keys are. */
    private final SplittableRandom random = new SplittableRandom(2026);

    @Setup
    public void open() throws IOException {
        dir = Files.createTempDirectory("hammer-floor");
        records = new HammerRecords(dir.resolve("volume.img"), 8L << 30, HammerBench.VALUE);
        byte[] value = new byte[HammerBench.VALUE];
        random.nextBytes(value);
        check = new ValueCheck(value);
        HammerBench.preload(records, value);
        live = records.liveData();
        if (live.size() != HammerBench.PRELOAD) {
            throw new IllegalStateException(live.size() + " live records, not " + HammerBench.PRELOAD);
        }
    }

    @TearDown
    public void close() throws IOException {
        records.close();
        HammerBench.delete(dir);
    }

    private long extract(DataSlice data, int crc) {
        byte[] a = data.array();
        int off = data.offset();
        int len = data.length();
        if (Crc32c.of(a, off, len) != crc) {
            throw new IllegalStateException("data_crc mismatch");
        }
        return check.read(a, off, len);
    }

    private long extract(HammerRecords.Extract x) {
        return extract(x.data(), x.crc());
    }

    @Benchmark
    public long lookupData(IterationCpuTime cpu) {
        cpu.ops++;
        return extract(live.get((int) random.nextLong(HammerBench.PRELOAD)));
    }

    @Benchmark
    public long scanData(IterationCpuTime cpu) {
        cpu.ops++;
        int from = (int) random.nextLong(HammerBench.PRELOAD);
        long sum = 0;
        for (int i = from; i < Math.min(from + HammerBench.SCAN, live.size()); i++) {
            sum += extract(live.get(i));
        }
        return sum;
    }

    @Benchmark
    public long scanDataFindingBuffers(IterationCpuTime cpu) {
        cpu.ops++;
        int from = (int) random.nextLong(HammerBench.PRELOAD);
        long sum = 0;
        for (int i = from; i < Math.min(from + HammerBench.SCAN, live.size()); i++) {
            HammerRecords.Extract x = live.get(i);
            sum += extract(records.inPlace(x.offset()), x.crc());
        }
        return sum;
    }
}
