package org.odonata.hw.x86.disk;

/**
 * Flash storage: a fixed access latency per operation, overlapped across {@code channels} requests, then a
 * transfer at the interface bandwidth. Typical numbers:
 * <ul>
 * <li>SATA SSD: NCQ depth 32 (AHCI/SATA 3.x), so 32 requests in flight; ~80 µs 4 KiB random read and
 * ~30 µs buffered write latency; 530 MB/s, the practical ceiling of SATA 6 Gb/s after 8b/10b coding
 * (Samsung 860/870 EVO data sheets: 550 MB/s read, 520 MB/s write, ~98 K IOPS at QD32).
 * Flush: ~0.5 ms plus programming the dirty data.</li>
 * <li>NVMe: queues up to 64 K deep, but a NAND drive's internal parallelism is what bounds concurrency; we
 * model 8 channels, which with ~20 µs reads gives ~400 K IOPS (Samsung 970 EVO: ~500 K IOPS,
 * 3.4 GB/s read on PCIe 3.0 x4); ~10 µs buffered writes; 3 GB/s. Flush: ~50 µs plus the dirty data.</li>
 * </ul>
 * Simplifications: FUA and cache-less writes cost the same buffered-write latency; garbage collection,
 * read/write bandwidth asymmetry and SLC-cache exhaustion are not modelled.
 */
record FlashModel(int channels, long readNanos, long writeNanos, long bytesPerSecond, long flushFixedNanos)
        implements ServiceModel {

    static final FlashModel SATA_SSD = new FlashModel(32, 80_000, 30_000, 530_000_000L, 500_000);
    static final FlashModel NVME = new FlashModel(8, 20_000, 10_000, 3_000_000_000L, 50_000);

    @Override
    public Service service(Op op, long offset, long length, long start) {
        long access = op == Op.READ ? readNanos : writeNanos;
        return new Service(access, ServiceModel.transferNanos(length, bytesPerSecond));
    }

    @Override
    public long flushNanos(long dirtyBytes) {
        return flushFixedNanos + ServiceModel.transferNanos(dirtyBytes, bytesPerSecond);
    }
}
