package org.odonata.fs.hammer.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.fs.DirEntry;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.fs.Stat;
import org.odonata.fs.hammer.object.Snapshot;

/**
 * HAMMER as a crash-run target: {@link HammerFs} formatted with the given options, mounted read-write (so
 * both recovery stages run). Its checker walks every B-tree node (each read verifies the node's CRC) and
 * checks key order and the boundaries each parent gives; {@link FsWalk} covers the namespace and data.
 */
public final class HammerTarget implements TargetFs {

    private final NewfsOptions newfs;
    private final MountOptions mount;

    public HammerTarget(NewfsOptions newfs, MountOptions mount) {
        this.newfs = Objects.requireNonNull(newfs, "newfs");
        this.mount = Objects.requireNonNull(mount, "mount");
    }

    @Override
    public void format(BlockDevice device) {
        HammerFs.newfs(device, newfs, mount).close();
    }

    @Override
    public Mounted mount(BlockDevice device) {
        return new Session(HammerFs.mount(device, mount));
    }

    /** One mount; every call maps one to one onto the file API. */
    private record Session(HammerFs fs) implements Mounted {

        public void create(String path) {
            fs.create(path);
        }

        public void mkdir(String path) {
            fs.mkdir(path);
        }

        public void write(String path, long offset, byte[] data) {
            fs.write(path, offset, data);
        }

        public void truncate(String path, long size) {
            fs.truncate(path, size);
        }

        public void link(String existing, String newPath) {
            fs.link(existing, newPath);
        }

        public void unlink(String path) {
            fs.unlink(path);
        }

        public void rename(String from, String to) {
            fs.rename(from, to);
        }

        public void rmdir(String path) {
            fs.rmdir(path);
        }

        public void fsync(String path) {
            fs.fsync(path);
        }

        public void sync() {
            fs.sync();
        }

        public void snapshot(String label) {
            fs.snapshot(label);
        }

        public List<String> snapshots() {
            return fs.snapshots().stream().map(Snapshot::label).toList();
        }

        public List<String> list(String path) {
            return fs.readdir(path).stream().map(DirEntry::name).toList();
        }

        public Kind kind(String path) {
            if (!fs.exists(path)) {
                return null;
            }
            return fs.stat(path).isDirectory() ? Kind.DIRECTORY : Kind.FILE;
        }

        public byte[] read(String path) {
            Stat stat = fs.stat(path);
            byte[] data = fs.read(path, 0, Math.toIntExact(stat.size()));
            if (data.length != stat.size()) {
                throw new IllegalStateException(path + ": read " + data.length + " bytes of " + stat.size());
            }
            return data;
        }

        public List<String> check() {
            List<String> problems = new ArrayList<>();
            fs.btree().walk((node, depth, left, right) -> {
                BTreeKey previous = null;
                int keys = node.isLeaf() ? node.count() : node.count() + 1;
                for (int i = 0; i < keys; i++) {
                    BTreeKey k = node.element(i).toKey();
                    if (previous != null && previous.compareTo(k) >= 0) {
                        problems.add("B-tree node 0x" + Long.toHexString(node.offset()) + ": key " + i
                                + " out of order");
                    }
                    boolean inside = left.compareTo(k) <= 0 && (node.isLeaf() ? k.compareTo(right) < 0
                            : k.compareTo(right) <= 0);
                    if (!inside) {
                        problems.add("B-tree node 0x" + Long.toHexString(node.offset()) + ": key " + i + " "
                                + k + " outside its boundaries [" + left + ", " + right + ")");
                    }
                    previous = k;
                }
            });
            return problems;
        }

        public void unmount() {
            fs.close();
        }
    }
}
