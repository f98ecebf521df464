package org.odonata.vm;

import java.util.List;
import java.util.Map;

import org.odonata.api.fs.DirRecord;
import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FileSystemType;
import org.odonata.api.fs.FsCapacity;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.MountRequest;
import org.odonata.api.fs.NewNode;
import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.fs.VattrChange;
import org.odonata.api.vfs.VfsHost;
import org.odonata.fs.tmpfs.TmpfsType;

/**
 * {@code slowtrunc}: tmpfs whose truncations sleep {@link #HOLD_NANOS} of virtual time before they happen, as a
 * filesystem truncating a file's blocks on disk does, with the vnode lock held ({@code VOP_SETATTR}). It puts a
 * truncation's window where a test can reach it deterministically.
 */
final class SlowTruncateType implements FileSystemType {

    static final long HOLD_NANOS = 1_000_000L;

    private final TmpfsType tmpfs = new TmpfsType();

    @Override
    public String name() {
        return "slowtrunc";
    }

    @Override
    public String description() {
        return "tmpfs with slow truncation (tests)";
    }

    @Override
    public boolean needsDevice() {
        return false;
    }

    @Override
    public FileSystem mount(MountRequest request) {
        FileSystem fs = tmpfs.mount(request);
        VfsHost host = request.host();
        return new FileSystem() {
            @Override
            public FsNode root() {
                return new Node(fs.root(), host);
            }

            @Override
            public FsCapacity statfs() {
                return fs.statfs();
            }

            @Override
            public void sync(boolean waitFor) {
                fs.sync(waitFor);
            }

            @Override
            public void unmount(boolean force) {
                fs.unmount(force);
            }
        };
    }

    /** A tmpfs node whose size changes sleep first. */
    private record Node(FsNode n, VfsHost host) implements FsNode {

        private FsNode wrap(FsNode x) {
            return x == null ? null : new Node(x, host);
        }

        private static FsNode unwrap(FsNode x) {
            return x instanceof Node w ? w.n : x;
        }

        @Override
        public long ino() {
            return n.ino();
        }

        @Override
        public Map<String, String> ioctl(String request, Map<String, String> args) {
            return n.ioctl(request, args);
        }

        @Override
        public VType type() {
            return n.type();
        }

        @Override
        public Vattr getattr() {
            return n.getattr();
        }

        @Override
        public void setattr(VattrChange change) {
            if (change.size() != null) {
                host.tsleep(host.newIdent(), "slowtr", HOLD_NANOS);
            }
            n.setattr(change);
        }

        @Override
        public int read(long offset, byte[] dst, int off, int len) {
            return n.read(offset, dst, off, len);
        }

        @Override
        public int write(long offset, byte[] src, int off, int len) {
            return n.write(offset, src, off, len);
        }

        @Override
        public void fsync(boolean dataOnly) {
            n.fsync(dataOnly);
        }

        @Override
        public byte[] readlink() {
            return n.readlink();
        }

        @Override
        public List<DirRecord> readdir(long cookie, int max) {
            return n.readdir(cookie, max);
        }

        @Override
        public FsNode nresolve(byte[] name) {
            return wrap(n.nresolve(name));
        }

        @Override
        public FsNode nlookupdotdot() {
            return wrap(n.nlookupdotdot());
        }

        @Override
        public FsNode ncreate(byte[] name, NewNode attrs) {
            return wrap(n.ncreate(name, attrs));
        }

        @Override
        public FsNode nmkdir(byte[] name, NewNode attrs) {
            return wrap(n.nmkdir(name, attrs));
        }

        @Override
        public FsNode nsymlink(byte[] name, NewNode attrs, byte[] target) {
            return wrap(n.nsymlink(name, attrs, target));
        }

        @Override
        public void nlink(byte[] name, FsNode target) {
            n.nlink(name, unwrap(target));
        }

        @Override
        public void nremove(byte[] name) {
            n.nremove(name);
        }

        @Override
        public void nrmdir(byte[] name) {
            n.nrmdir(name);
        }

        @Override
        public void nrename(byte[] name, FsNode toDir, byte[] toName) {
            n.nrename(name, unwrap(toDir), toName);
        }

        @Override
        public void inactive() {
            n.inactive();
        }

        @Override
        public void reclaim() {
            n.reclaim();
        }
    }
}
