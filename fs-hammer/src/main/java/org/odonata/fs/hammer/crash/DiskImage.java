package org.odonata.fs.hammer.crash;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.odonata.api.block.DiskSpec;

/**
 * An immutable disk image: a root layer of sectors (unwritten sectors read as zeros) and at most one
 * overlay of sectors written on top of it. Sector contents are shared, never copied: a layer maps a sector
 * number to a slice of some write's byte array, and those arrays are never modified.
 * <p>
 * Cost: {@link #with} copies the overlay's sector map (one entry per sector written since the root), never
 * the root and never any data; so thousands of crash states over a 64 MB volume cost a few small maps each.
 * Reads look up at most two maps per sector.
 */
public final class DiskImage {

    /** A sector's bytes: {@code sectorSize} bytes of {@code data} from {@code from}. */
    private record Slice(byte[] data, int from) {
    }

    private final DiskSpec spec;
    private final Map<Long, Slice> root;
    private final Map<Long, Slice> overlay;

    private DiskImage(DiskSpec spec, Map<Long, Slice> root, Map<Long, Slice> overlay) {
        this.spec = spec;
        this.root = root;
        this.overlay = overlay;
    }

    /** An all-zero image of the given geometry. */
    public static DiskImage blank(DiskSpec spec) {
        return new DiskImage(Objects.requireNonNull(spec, "spec"), Map.of(), Map.of());
    }

    public DiskSpec spec() {
        return spec;
    }

    /** This image with {@code writes} applied in order over it (a later write to a sector wins). */
    public DiskImage with(List<PersistOp.Write> writes) {
        Map<Long, Slice> layer = new HashMap<>(overlay);
        for (PersistOp.Write w : writes) {
            put(layer, w.offset(), w.data());
        }
        return new DiskImage(spec, root, layer);
    }

    /**
     * This image with its overlay folded into a new root, so later {@link #with} calls copy only what is
     * written after this point. Use it for an image many crash states share as their base.
     */
    public DiskImage compact() {
        if (overlay.isEmpty()) {
            return this;
        }
        Map<Long, Slice> merged = new HashMap<>(root);
        merged.putAll(overlay);
        return new DiskImage(spec, merged, Map.of());
    }

    /** Fills {@code dst} from the sector-aligned {@code offset}. */
    public void read(long offset, ByteBuffer dst) {
        int sectorSize = spec.sectorSize();
        long sector = offset / sectorSize;
        while (dst.hasRemaining()) {
            Slice s = overlay.get(sector);
            if (s == null) {
                s = root.get(sector);
            }
            int n = Math.min(sectorSize, dst.remaining());
            if (s == null) {
                dst.put(new byte[n]);
            } else {
                dst.put(s.data(), s.from(), n);
            }
            sector++;
        }
    }

    /** Numbers of the sectors written at least once, ascending: where structures (or stale copies) live. */
    public long[] writtenSectors() {
        Map<Long, Slice> all = new HashMap<>(root);
        all.putAll(overlay);
        return all.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /**
     * This image cut (or zero-extended) to {@code sizeBytes}, as a truncated image file would be; the
     * device name and kind stay.
     */
    public DiskImage resized(long sizeBytes) {
        DiskSpec cut = new DiskSpec(spec.name(), spec.kind(), sizeBytes, spec.sectorSize(), spec.backingFile(),
                spec.writeCache());
        long sectors = sizeBytes / spec.sectorSize();
        Map<Long, Slice> kept = new HashMap<>(root);
        kept.putAll(overlay);
        kept.keySet().removeIf(sector -> sector >= sectors);
        return new DiskImage(cut, kept, Map.of());
    }

    /** Records that sectors of {@code data} (whole sectors) now live at {@code offset}. */
    private void put(Map<Long, Slice> layer, long offset, byte[] data) {
        int sectorSize = spec.sectorSize();
        long first = offset / sectorSize;
        for (int i = 0; i * sectorSize < data.length; i++) {
            layer.put(first + i, new Slice(data, i * sectorSize));
        }
    }
}
