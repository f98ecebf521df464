package org.odonata.vfs.vnode;

import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.VType;
import org.odonata.api.sync.LockMgr;
import org.odonata.vfs.mount.Mount;

/**
 * A vnode: one per filesystem node in use or cached, identified by (mount, inode number). {@code refcnt} counts
 * active references (open files, current directories, operations in progress); {@code auxcnt} counts holds from
 * namecache entries ({@code vhold}), which keep it cached but not active. Its lock ({@code v_lock}) is a lockmgr
 * lock, created at first use. Fields are the vnode table's and the VFS's; nothing here acts by itself.
 */
public final class Vnode {

    public final Mount mount;
    public final long ino;
    public final VType type;
    /** Allocation order: a total order for taking two vnode locks without deadlock. */
    public final long serial;
    /** {@code v_data}: the filesystem's node. */
    public FsNode node;
    public VState state = VState.ACTIVE;
    public int refcnt;
    public int auxcnt;
    /** Set once at first use. */
    public LockMgr lock;
    /** The FIFO behind a {@code VFIFO} vnode while it is open. */
    public Object fifo;
    /** Links on the table's inactive list (least recently deactivated first). */
    Vnode lruPrev;
    Vnode lruNext;
    boolean onLru;

    public Vnode(Mount mount, FsNode node, long serial) {
        this.mount = mount;
        this.node = node;
        this.ino = node.ino();
        this.type = node.type();
        this.serial = serial;
    }

    public boolean isDir() {
        return type == VType.VDIR;
    }

    @Override
    public String toString() {
        return "vnode " + mount.id + ":" + ino + " (" + type + ", " + state + ", refs " + refcnt + "/" + auxcnt + ")";
    }
}
