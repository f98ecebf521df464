package org.odonata.hw.x86.disk;

/**
 * A 7200 rpm hard disk with one head and one request at a time.
 * <ul>
 * <li>Geometry: 1.25 MB (2441 × 512 B) per track, and the device's capacity spans the full stroke, so seek
 * distances scale with the device size (a small simulated disk behaves like a full one).</li>
 * <li>Seek: none within a track; otherwise track-to-track 0.5 ms growing with the square root of the
 * distance up to a 15 ms full stroke (Ruemmler &amp; Wilkes, "An introduction to disk drive modeling",
 * IEEE Computer 1994; Seagate Barracuda / WD Blue data sheets give ~1 ms track-to-track, ~8.5 ms average,
 * ~15–18 ms full stroke).</li>
 * <li>Rotation: deterministic angular position. The platter turns once every 2441 × 3413 ns = 8.331 ms
 * (7202 rpm); a block's angle is its place on its track, the head's angle is virtual time modulo the
 * period, and the rotational latency is the wait until the target block comes round. No random stream is
 * needed, and back-to-back sequential requests lose no rotation.</li>
 * <li>Transfer: 512 B per 3413 ns = 150 MB/s sustained media rate (typical of 1–2 TB 7200 rpm drives).
 * A request starting exactly where the head stopped streams on without a seek: track skew hides head
 * switches.</li>
 * <li>Write cache: a cached write costs only its transfer over SATA 6 Gb/s (600 MB/s) and leaves the head
 * alone. A flush costs writing the dirty bytes at the media rate plus 4 ms; simplification: destaging is
 * priced as one sequential pass, not as per-block seeks.</li>
 * </ul>
 */
final class HddModel implements ServiceModel {

    static final int BLOCK = 512;
    static final long BLOCK_NANOS = 3_413;
    static final long BLOCKS_PER_TRACK = 2_441;
    static final long ROTATION_NANOS = BLOCK_NANOS * BLOCKS_PER_TRACK;
    static final long TRACK_TO_TRACK_NANOS = 500_000;
    static final long FULL_STROKE_NANOS = 15_000_000;
    static final long INTERFACE_BYTES_PER_SECOND = 600_000_000L;
    static final long FLUSH_FIXED_NANOS = 4_000_000;

    private final long maxTrackDistance;
    /** The block under the head after the last media access. */
    private long headBlock;

    HddModel(long sizeBytes) {
        long tracks = Math.ceilDiv(sizeBytes / BLOCK, BLOCKS_PER_TRACK);
        this.maxTrackDistance = Math.max(1, tracks - 1);
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public Service service(Op op, long offset, long length, long start) {
        if (op == Op.CACHED_WRITE) {
            return new Service(0, ServiceModel.transferNanos(length, INTERFACE_BYTES_PER_SECOND));
        }
        long target = offset / BLOCK;
        long seek = seekNanos(headBlock, target);
        long rotation = Math.floorMod(angle(target) - (start + seek) % ROTATION_NANOS, ROTATION_NANOS);
        long blocks = length / BLOCK;
        headBlock = target + blocks;
        return new Service(seek + rotation, blocks * BLOCK_NANOS);
    }

    @Override
    public long flushNanos(long dirtyBytes) {
        return FLUSH_FIXED_NANOS + dirtyBytes / BLOCK * BLOCK_NANOS;
    }

    long seekNanos(long fromBlock, long toBlock) {
        long distance = Math.abs(fromBlock / BLOCKS_PER_TRACK - toBlock / BLOCKS_PER_TRACK);
        if (fromBlock == toBlock || distance == 0) {
            return 0;
        }
        double fraction = Math.sqrt((double) distance / maxTrackDistance);
        return TRACK_TO_TRACK_NANOS + Math.round((FULL_STROKE_NANOS - TRACK_TO_TRACK_NANOS) * fraction);
    }

    /** When, within a rotation, {@code block} passes under the head. */
    private static long angle(long block) {
        return block % BLOCKS_PER_TRACK * BLOCK_NANOS;
    }
}
