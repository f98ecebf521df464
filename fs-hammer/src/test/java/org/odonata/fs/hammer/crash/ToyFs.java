package org.odonata.fs.hammer.crash;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

import org.odonata.api.block.BlockDevice;

/**
 * A filesystem small enough to be obviously right, to test the harness itself: the whole namespace lives
 * in memory and every fsync or sync writes it as one blob to fresh space, flushes, then commits it by
 * writing a checksummed header into the older of two slots and flushing again. With {@code flushes}
 * false it skips both flushes, the classic durability bug the harness must catch.
 */
final class ToyFs implements TargetFs {

    private static final long BLOB_AREA = 64 * 1024;
    private final boolean flushes;

    ToyFs(boolean flushes) {
        this.flushes = flushes;
    }

    @Override
    public void format(BlockDevice device) {
        new Volume(device, 0, BLOB_AREA, new TreeMap<>(), new TreeSet<>(List.of("/")), new ArrayList<>()).sync();
    }

    @Override
    public Mounted mount(BlockDevice device) {
        long bestGen = -1;
        byte[] best = null;
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer h = ByteBuffer.allocate(512);
            device.read(slot * 512L, h);
            long gen = h.getLong(0);
            long offset = h.getLong(8);
            int length = h.getInt(16);
            long crc = h.getLong(20);
            if (length <= 0 || gen <= bestGen) {
                continue;
            }
            ByteBuffer blob = ByteBuffer.allocate(sectors(length));
            device.read(offset, blob);
            byte[] bytes = Arrays.copyOf(blob.array(), length);
            if (crc(bytes) == crc) {
                bestGen = gen;
                best = bytes;
            }
        }
        if (best == null) {
            throw new IllegalStateException("toy: no valid header");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(best))) {
            long next = in.readLong();
            TreeSet<String> dirs = new TreeSet<>();
            for (int n = in.readInt(); n > 0; n--) {
                dirs.add(in.readUTF());
            }
            Map<String, byte[]> files = new TreeMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                String path = in.readUTF();
                files.put(path, in.readNBytes(in.readInt()));
            }
            List<String> snaps = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                snaps.add(in.readUTF());
            }
            return new Volume(device, bestGen, next, files, dirs, snaps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int sectors(int length) {
        return (length + 511) / 512 * 512;
    }

    private static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    /**
     * A mounted toy volume. A hard link is a copy here, so the toy is right only for workloads that never
     * write through one name after linking it: the single-step ones it is tested with.
     */
    private final class Volume implements Mounted {
        private final BlockDevice device;
        private final Map<String, byte[]> files;
        private final TreeSet<String> dirs;
        private final List<String> snaps;
        private long generation;
        private long next;

        Volume(BlockDevice device, long generation, long next, Map<String, byte[]> files, TreeSet<String> dirs,
                List<String> snaps) {
            this.device = device;
            this.generation = generation;
            this.next = next;
            this.files = files;
            this.dirs = dirs;
            this.snaps = snaps;
        }

        public void create(String path) {
            files.put(path, new byte[0]);
        }

        public void mkdir(String path) {
            dirs.add(path);
        }

        public void write(String path, long offset, byte[] data) {
            byte[] old = files.get(path);
            byte[] b = Arrays.copyOf(old, Math.max(old.length, (int) offset + data.length));
            System.arraycopy(data, 0, b, (int) offset, data.length);
            files.put(path, b);
        }

        public void truncate(String path, long size) {
            files.put(path, Arrays.copyOf(files.get(path), (int) size));
        }

        public void link(String existing, String newPath) {
            files.put(newPath, files.get(existing).clone());
        }

        public void unlink(String path) {
            files.remove(path);
        }

        public void rename(String from, String to) {
            files.put(to, files.remove(from));
        }

        public void rmdir(String path) {
            dirs.remove(path);
        }

        public void fsync(String path) {
            sync();
        }

        public void sync() {
            byte[] blob;
            long at = next;
            try {
                next = at + sectors(encode(0).length);
                blob = encode(next);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            device.write(at, ByteBuffer.wrap(Arrays.copyOf(blob, sectors(blob.length))), false);
            if (flushes) {
                device.flush();
            }
            generation++;
            ByteBuffer h = ByteBuffer.allocate(512);
            h.putLong(0, generation).putLong(8, at).putInt(16, blob.length).putLong(20, crc(blob));
            device.write((generation % 2) * 512, h, false);
            if (flushes) {
                device.flush();
            }
        }

        private byte[] encode(long nextAfter) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(nextAfter);
                out.writeInt(dirs.size());
                for (String d : dirs) {
                    out.writeUTF(d);
                }
                out.writeInt(files.size());
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    out.write(e.getValue());
                }
                out.writeInt(snaps.size());
                for (String s : snaps) {
                    out.writeUTF(s);
                }
            }
            return bytes.toByteArray();
        }

        public void snapshot(String label) {
            snaps.add(label);
        }

        public List<String> snapshots() {
            return List.copyOf(snaps);
        }

        public List<String> list(String path) {
            List<String> names = new ArrayList<>();
            String prefix = path.equals("/") ? "/" : path + "/";
            Map<String, Boolean> all = new HashMap<>();
            files.keySet().forEach(p -> all.put(p, true));
            dirs.forEach(p -> all.put(p, false));
            for (String p : new TreeSet<>(all.keySet())) {
                if (!p.equals("/") && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                    names.add(p.substring(prefix.length()));
                }
            }
            return names;
        }

        public Kind kind(String path) {
            return files.containsKey(path) ? Kind.FILE : dirs.contains(path) ? Kind.DIRECTORY : null;
        }

        public byte[] read(String path) {
            return files.get(path).clone();
        }

        public List<String> check() {
            return List.of();
        }

        public void unmount() {
            sync();
        }
    }
}
