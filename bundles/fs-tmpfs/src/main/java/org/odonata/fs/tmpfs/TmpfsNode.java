package org.odonata.fs.tmpfs;

import java.util.Arrays;
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
import org.odonata.api.memory.PhysicalMemory;
import org.odonata.api.vfs.Errno;

/**
 * A tmpfs node ({@code struct tmpfs_node}, {@code tmpfs_vnops.c}, {@code tmpfs_subr.c}): attributes, and by type a
 * directory's entries and parent, a regular file's pages (a frame of the machine's memory and 4 KB of data each,
 * allocated when first written, so holes cost nothing), a symbolic link's target. Directories have 2 + subdirectory
 * links and, as on Linux's tmpfs, a size of 20 bytes per entry plus 40. A removed node frees its pages when its
 * last reference goes ({@code tmpfs_inactive}). Costs: what {@link TmpfsMount} charges for allocations and entry
 * operations.
 */
final class TmpfsNode implements FsNode {

    private static final int PAGE = PhysicalMemory.PAGE_SIZE;
    private static final int BOGO_DIRENT_SIZE = 20;
    /** {@code tm_maxfilesize} as {@code tmpfs_mount} sets it (tmpfs_vfsops.c): 2^63 - 1 less TMPFS_BLKSIZE (16 KB). */
    static final long MAX_FILE_SIZE = Long.MAX_VALUE - 16384;

    private final TmpfsMount tm;
    private final long ino;
    private final VType type;
    private int mode;
    private int uid;
    private int gid;
    private long nlink;
    private final long rdev;
    private long size;
    private long atime;
    private long mtime;
    private long ctime;
    private boolean freed;
    /** Directories: entries and parent (the root is its own parent). */
    private final TmpfsDir dir;
    private TmpfsNode parent;
    /** Regular files: the pages written, by page index (absent: a hole), so a file may be as large as tmpfs allows. */
    private final TreeMap<Long, Page> pages = new TreeMap<>();
    /** Symbolic links. */
    private byte[] target;

    TmpfsNode(TmpfsMount tm, long ino, NewNode attrs, TmpfsNode parent) {
        this.tm = tm;
        this.ino = ino;
        this.type = attrs.type();
        this.mode = attrs.mode();
        this.uid = attrs.uid();
        this.gid = attrs.gid();
        this.rdev = attrs.rdev();
        this.nlink = type == VType.VDIR ? 2 : 1;
        this.dir = type == VType.VDIR ? new TmpfsDir() : null;
        this.parent = parent == null ? this : parent;
        this.atime = this.mtime = this.ctime = tm.now();
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
        long sz = type == VType.VDIR ? 2L * BOGO_DIRENT_SIZE + (long) dir.size() * BOGO_DIRENT_SIZE
                : type == VType.VLNK ? target.length : size;
        long bytes = (long) pages.size() * PAGE;
        return new Vattr(type, mode, nlink, uid, gid, sz, bytes, ino, rdev, atime, mtime, ctime);
    }

    @Override
    public void setattr(VattrChange c) {
        long now = tm.now();
        if (c.size() != null) {
            if (type == VType.VDIR) {
                throw new FsException(Errno.EISDIR);
            }
            if (type != VType.VREG) {
                throw new FsException(Errno.EINVAL);
            }
            resize(c.size());
            mtime = now;
        }
        if (c.mode() != null) {
            mode = c.mode() & 07777;
        }
        if (c.uid() != null) {
            uid = c.uid();
        }
        if (c.gid() != null) {
            gid = c.gid();
        }
        if (c.atime() != null) {
            atime = c.atime();
        }
        if (c.mtime() != null) {
            mtime = c.mtime();
        }
        ctime = now;
    }

    @Override
    public int read(long offset, byte[] dst, int off, int len) {
        if (type != VType.VREG) {
            throw new FsException(type == VType.VDIR ? Errno.EISDIR : Errno.EINVAL);
        }
        atime = tm.now();
        if (offset >= size || len == 0) {
            return 0;
        }
        int n = (int) Math.min(len, size - offset);
        int done = 0;
        while (done < n) {
            long pos = offset + done;
            int in = (int) (pos % PAGE);
            int chunk = Math.min(n - done, PAGE - in);
            Page pg = pages.get(pos / PAGE);
            if (pg == null) {
                Arrays.fill(dst, off + done, off + done + chunk, (byte) 0);
            } else {
                System.arraycopy(pg.data, in, dst, off + done, chunk);
            }
            done += chunk;
        }
        return n;
    }

    @Override
    public int write(long offset, byte[] src, int off, int len) {
        if (type != VType.VREG) {
            throw new FsException(type == VType.VDIR ? Errno.EISDIR : Errno.EINVAL);
        }
        // tmpfs_write (tmpfs_vnops.c): a write ending past tm_maxfilesize is EFBIG
        if (offset > MAX_FILE_SIZE - len) {
            throw new FsException(Errno.EFBIG);
        }
        int done = 0;
        while (done < len) {
            long pos = offset + done;
            int in = (int) (pos % PAGE);
            int chunk = Math.min(len - done, PAGE - in);
            Page pg;
            try {
                pg = ensurePage(pos / PAGE);
            } catch (FsException e) {
                if (done == 0) {
                    throw e;
                }
                break;
            }
            System.arraycopy(src, off + done, pg.data, in, chunk);
            done += chunk;
            size = Math.max(size, offset + done);
        }
        mtime = ctime = tm.now();
        return done;
    }

    @Override
    public byte[] readlink() {
        if (type != VType.VLNK) {
            throw new FsException(Errno.EINVAL);
        }
        atime = tm.now();
        return target.clone();
    }

    @Override
    public List<DirRecord> readdir(long cookie, int max) {
        requireDir();
        atime = tm.now();
        return dir.from(cookie, max);
    }

    @Override
    public FsNode nresolve(byte[] name) {
        requireDir();
        tm.lock();
        try {
            tm.host.charge(TmpfsMount.DIRENT_CYCLES);
            return dir.lookup(name);
        } finally {
            tm.unlock();
        }
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
        TmpfsNode t = (TmpfsNode) target;
        tm.lock();
        try {
            if (t.nlink >= Integer.MAX_VALUE) {
                throw new FsException(Errno.EMLINK);
            }
            tm.host.charge(TmpfsMount.DIRENT_CYCLES);
            dir.attach(name, t);
            t.nlink++;
            long now = tm.now();
            t.ctime = now;
            mtime = ctime = now;
        } finally {
            tm.unlock();
        }
    }

    @Override
    public void nremove(byte[] name) {
        requireDir();
        tm.lock();
        try {
            TmpfsNode t = existing(name);
            if (t.type == VType.VDIR) {
                throw new FsException(Errno.EISDIR);
            }
            tm.host.charge(TmpfsMount.DIRENT_CYCLES);
            dir.detach(name);
            t.nlink--;
            long now = tm.now();
            t.ctime = now;
            mtime = ctime = now;
        } finally {
            tm.unlock();
        }
    }

    @Override
    public void nrmdir(byte[] name) {
        requireDir();
        tm.lock();
        try {
            TmpfsNode t = existing(name);
            if (t.type != VType.VDIR) {
                throw new FsException(Errno.ENOTDIR);
            }
            if (t.dir.size() > 0) {
                throw new FsException(Errno.ENOTEMPTY);
            }
            tm.host.charge(TmpfsMount.DIRENT_CYCLES);
            dir.detach(name);
            t.nlink = 0;
            nlink--;
            long now = tm.now();
            t.ctime = now;
            mtime = ctime = now;
        } finally {
            tm.unlock();
        }
    }

    @Override
    public void nrename(byte[] name, FsNode toDir, byte[] toName) {
        requireDir();
        TmpfsNode td = (TmpfsNode) toDir;
        td.requireDir();
        tm.lock();
        try {
            TmpfsNode moving = existing(name);
            TmpfsNode replaced = td.dir.lookup(toName);
            if (replaced != null) {
                if (replaced.type == VType.VDIR) {
                    if (replaced.dir.size() > 0) {
                        throw new FsException(Errno.ENOTEMPTY);
                    }
                    replaced.nlink = 0;
                    td.nlink--;
                } else {
                    replaced.nlink--;
                }
                td.dir.detach(toName);
                replaced.ctime = tm.now();
            }
            tm.host.charge(2 * TmpfsMount.DIRENT_CYCLES);
            dir.detach(name);
            td.dir.attach(toName, moving);
            if (moving.type == VType.VDIR && td != this) {
                nlink--;
                td.nlink++;
                moving.parent = td;
            }
            long now = tm.now();
            moving.ctime = now;
            mtime = ctime = now;
            td.mtime = td.ctime = now;
        } finally {
            tm.unlock();
        }
    }

    @Override
    public void inactive() {
        tm.lock();
        try {
            if (nlink <= 0 && !freed) {
                free();
            }
        } finally {
            tm.unlock();
        }
    }

    /** Frees this node and everything below it (at unmount). */
    void freeTree() {
        if (dir != null) {
            for (TmpfsNode child : dir.nodes()) {
                if (child != this && child.parent == this) {
                    child.freeTree();
                } else if (!child.freed) {
                    child.free();
                }
            }
        }
        if (!freed) {
            free();
        }
    }

    private FsNode add(byte[] name, NewNode attrs, byte[] linkTarget) {
        requireDir();
        tm.lock();
        try {
            if (dir.lookup(name) != null) {
                throw new FsException(Errno.EEXIST);
            }
            if (attrs.type() == VType.VDIR && nlink >= Integer.MAX_VALUE) {
                throw new FsException(Errno.EMLINK);
            }
            TmpfsNode n = tm.allocNode(attrs, this);
            if (attrs.type() == VType.VLNK) {
                n.target = linkTarget.clone();
            }
            tm.host.charge(TmpfsMount.DIRENT_CYCLES);
            dir.attach(name, n);
            if (attrs.type() == VType.VDIR) {
                nlink++;
            }
            mtime = ctime = n.ctime;
            return n;
        } finally {
            tm.unlock();
        }
    }

    private TmpfsNode existing(byte[] name) {
        TmpfsNode t = dir.lookup(name);
        if (t == null) {
            throw new FsException(Errno.ENOENT);
        }
        return t;
    }

    private void requireDir() {
        if (type != VType.VDIR) {
            throw new FsException(Errno.ENOTDIR);
        }
    }

    /** A written page: its frame of the machine's memory and its data. */
    private record Page(long frame, byte[] data) {
    }

    private Page ensurePage(long index) {
        Page pg = pages.get(index);
        if (pg == null) {
            pg = new Page(tm.allocPage(), new byte[PAGE]);
            pages.put(index, pg);
        }
        return pg;
    }

    /**
     * {@code tmpfs_truncate}: past tm_maxfilesize is EFBIG; otherwise drops whole pages past the new end and zeroes
     * the tail of the last one.
     */
    private void resize(long newSize) {
        if (newSize > MAX_FILE_SIZE) {
            throw new FsException(Errno.EFBIG);
        }
        if (newSize < size) {
            Map<Long, Page> gone = pages.tailMap((newSize + PAGE - 1) / PAGE, true);
            gone.values().forEach(pg -> tm.freePage(pg.frame()));
            gone.clear();
            int in = (int) (newSize % PAGE);
            Page last = pages.get(newSize / PAGE);
            if (in != 0 && last != null) {
                Arrays.fill(last.data(), in, PAGE, (byte) 0);
            }
        }
        size = newSize;
    }

    private void free() {
        freed = true;
        pages.values().forEach(pg -> tm.freePage(pg.frame()));
        pages.clear();
        tm.nodesInUse--;
    }
}
