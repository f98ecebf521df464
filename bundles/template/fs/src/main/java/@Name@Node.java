package @PACKAGE@;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.api.fs.DirRecord;
import org.odonata.api.fs.FsException;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.NewNode;
import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.fs.VattrChange;
import org.odonata.api.vfs.Errno;

/**
 * A {@code @NAME@} node: attributes, and by type a regular file's bytes, a directory's entries and parent, or a
 * symbolic link's target. The VFS has already checked names, permissions and existence (see {@link FsNode}), so
 * each operation only keeps the tree right: link counts (2 + subdirectories for a directory), times, and cookies
 * that let a {@code readdir} in progress continue across creations and removals. Names are bytes; as map keys they
 * are ISO-8859-1 strings, which keep every byte as one char.
 */
final class @Name@Node implements FsNode {

    /** A directory entry: its name and node, and its cookie (a per-directory sequence number). */
    private record Entry(byte[] name, @Name@Node node, long cookie) {
    }

    private final @Name@Mount mount;
    private final long ino;
    private final VType type;
    private final long rdev;
    private int mode;
    private int uid;
    private int gid;
    private long nlink;
    private long atime;
    private long mtime;
    private long ctime;
    /** Regular files: the data, of which the first {@code size} bytes are the file. */
    private byte[] data = new byte[0];
    private long size;
    /** Directories: entries by name and by cookie, the next cookie, the parent (the root's is itself). */
    private final Map<String, Entry> byName;
    private final TreeMap<Long, Entry> byCookie;
    private long nextCookie;
    private @Name@Node parent;
    /** Symbolic links. */
    private byte[] target;

    @Name@Node(@Name@Mount mount, long ino, NewNode attrs, @Name@Node parent) {
        this.mount = mount;
        this.ino = ino;
        this.type = attrs.type();
        this.mode = attrs.mode();
        this.uid = attrs.uid();
        this.gid = attrs.gid();
        this.rdev = attrs.rdev();
        boolean dir = type == VType.VDIR;
        this.nlink = dir ? 2 : 1;
        this.byName = dir ? new HashMap<>() : null;
        this.byCookie = dir ? new TreeMap<>() : null;
        this.parent = parent == null ? this : parent;
        this.atime = this.mtime = this.ctime = mount.host.realtime();
    }

    @Override
    public long ino() {
        return ino;
    }

    @Override
    public VType type() {
        return type;
    }

    @Override
    public Vattr getattr() {
        long sz = switch (type) {
            case VDIR -> 40 + 20L * byName.size();
            case VLNK -> target.length;
            default -> size;
        };
        return new Vattr(type, mode, nlink, uid, gid, sz, type == VType.VREG ? data.length : 0, ino, rdev, atime,
                mtime, ctime);
    }

    @Override
    public void setattr(VattrChange c) {
        long now = mount.charge();
        if (c.size() != null) {
            if (type != VType.VREG) {
                throw new FsException(type == VType.VDIR ? Errno.EISDIR : Errno.EINVAL);
            }
            resize(c.size());
            mtime = now;
        }
        mode = c.mode() != null ? c.mode() & 07777 : mode;
        uid = c.uid() != null ? c.uid() : uid;
        gid = c.gid() != null ? c.gid() : gid;
        atime = c.atime() != null ? c.atime() : atime;
        mtime = c.mtime() != null ? c.mtime() : mtime;
        ctime = now;
    }

    @Override
    public int read(long offset, byte[] dst, int off, int len) {
        requireFile();
        atime = mount.charge();
        if (offset >= size) {
            return 0;
        }
        int n = (int) Math.min(len, size - offset);
        System.arraycopy(data, (int) offset, dst, off, n);
        return n;
    }

    @Override
    public int write(long offset, byte[] src, int off, int len) {
        requireFile();
        long now = mount.charge();
        long end = offset + len;
        if (end < 0 || end > Integer.MAX_VALUE - 8) {
            throw new FsException(Errno.EFBIG);
        }
        if (end > data.length) {
            grow(end);
        }
        System.arraycopy(src, off, data, (int) offset, len);
        size = Math.max(size, end);
        mtime = ctime = now;
        return len;
    }

    @Override
    public byte[] readlink() {
        if (type != VType.VLNK) {
            throw new FsException(Errno.EINVAL);
        }
        atime = mount.charge();
        return target.clone();
    }

    @Override
    public List<DirRecord> readdir(long cookie, int max) {
        requireDir();
        atime = mount.charge();
        List<DirRecord> out = new ArrayList<>();
        for (Entry e : byCookie.tailMap(cookie, true).values()) {
            if (out.size() == max) {
                break;
            }
            out.add(new DirRecord(e.name(), e.node().ino, e.node().type, e.cookie() + 1));
        }
        return out;
    }

    @Override
    public FsNode nresolve(byte[] name) {
        requireDir();
        mount.charge();
        Entry e = byName.get(key(name));
        return e == null ? null : e.node();
    }

    @Override
    public FsNode nlookupdotdot() {
        requireDir();
        return parent;
    }

    @Override
    public FsNode ncreate(byte[] name, NewNode attrs) {
        return add(name, attrs, null);
    }

    @Override
    public FsNode nmkdir(byte[] name, NewNode attrs) {
        return add(name, attrs, null);
    }

    @Override
    public FsNode nsymlink(byte[] name, NewNode attrs, byte[] linkTarget) {
        return add(name, attrs, linkTarget);
    }

    @Override
    public void nlink(byte[] name, FsNode target) {
        requireDir();
        long now = mount.charge();
        @Name@Node t = (@Name@Node) target;
        attach(name, t);
        t.nlink++;
        t.ctime = now;
        mtime = ctime = now;
    }

    @Override
    public void nremove(byte[] name) {
        requireDir();
        long now = mount.charge();
        @Name@Node t = existing(name);
        if (t.type == VType.VDIR) {
            throw new FsException(Errno.EISDIR);
        }
        detach(name);
        t.nlink--;
        t.ctime = now;
        mtime = ctime = now;
    }

    @Override
    public void nrmdir(byte[] name) {
        requireDir();
        long now = mount.charge();
        @Name@Node t = existing(name);
        if (t.type != VType.VDIR) {
            throw new FsException(Errno.ENOTDIR);
        }
        if (!t.byName.isEmpty()) {
            throw new FsException(Errno.ENOTEMPTY);
        }
        detach(name);
        t.nlink = 0;
        nlink--;
        t.ctime = now;
        mtime = ctime = now;
    }

    @Override
    public void nrename(byte[] name, FsNode toDir, byte[] toName) {
        requireDir();
        long now = mount.charge();
        @Name@Node to = (@Name@Node) toDir;
        to.requireDir();
        @Name@Node moving = existing(name);
        Entry replaced = to.byName.get(key(toName));
        if (replaced != null) {
            @Name@Node r = replaced.node();
            if (r.type == VType.VDIR) {
                if (!r.byName.isEmpty()) {
                    throw new FsException(Errno.ENOTEMPTY);
                }
                r.nlink = 0;
                to.nlink--;
            } else {
                r.nlink--;
            }
            r.ctime = now;
            to.detach(toName);
        }
        detach(name);
        to.attach(toName, moving);
        if (moving.type == VType.VDIR && to != this) {
            nlink--;
            to.nlink++;
            moving.parent = to;
        }
        moving.ctime = now;
        mtime = ctime = now;
        to.mtime = to.ctime = now;
    }

    @Override
    public void inactive() {
        if (nlink <= 0 && data.length > 0) {
            mount.bytes -= data.length;
            data = new byte[0];
        }
    }

    @Override
    public void reclaim() {
        if (nlink <= 0) {
            mount.nodes--;
        }
    }

    private FsNode add(byte[] name, NewNode attrs, byte[] linkTarget) {
        requireDir();
        long now = mount.charge();
        @Name@Node n = mount.newNode(attrs, this);
        if (attrs.type() == VType.VLNK) {
            n.target = linkTarget.clone();
        }
        attach(name, n);
        if (attrs.type() == VType.VDIR) {
            nlink++;
        }
        mtime = ctime = now;
        return n;
    }

    private void attach(byte[] name, @Name@Node node) {
        if (byName.containsKey(key(name))) {
            throw new FsException(Errno.EEXIST);
        }
        Entry e = new Entry(name.clone(), node, nextCookie++);
        byName.put(key(name), e);
        byCookie.put(e.cookie(), e);
    }

    private void detach(byte[] name) {
        byCookie.remove(byName.remove(key(name)).cookie());
    }

    private @Name@Node existing(byte[] name) {
        Entry e = byName.get(key(name));
        if (e == null) {
            throw new FsException(Errno.ENOENT);
        }
        return e.node();
    }

    private void grow(long end) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, 2L * data.length));
        mount.bytes += capacity - data.length;
        data = Arrays.copyOf(data, capacity);
    }

    /** Truncates (zeroing what was cut, so a later extension reads zeros) or extends with zeros. */
    private void resize(long newSize) {
        if (newSize > Integer.MAX_VALUE - 8) {
            throw new FsException(Errno.EFBIG);
        }
        if (newSize < size) {
            Arrays.fill(data, (int) newSize, (int) size, (byte) 0);
        } else if (newSize > data.length) {
            grow(newSize);
        }
        size = newSize;
    }

    private void requireDir() {
        if (type != VType.VDIR) {
            throw new FsException(Errno.ENOTDIR);
        }
    }

    private void requireFile() {
        if (type != VType.VREG) {
            throw new FsException(type == VType.VDIR ? Errno.EISDIR : Errno.EINVAL);
        }
    }

    private static String key(byte[] name) {
        return new String(name, ISO_8859_1);
    }
}
