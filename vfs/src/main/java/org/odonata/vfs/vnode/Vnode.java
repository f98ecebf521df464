package org.odonata.vfs.vnode;

import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.VType;
import org.odonata.api.sync.LockMgr;
import org.odonata.api.vm.VnodeObject;
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
    /** {@code VREF_FINALIZE}: the last {@link VnodeTable#vrele} deactivates it ({@code vfinalize}). */
    boolean finalize;
    /** {@code VINACTIVE}: {@code VOP_INACTIVE} has run since it was last activated. */
    boolean inactiveDone;
    /**
     * {@code NCF_WXOK}: a directory known to be searchable by everyone, so {@code nlookup} skips its search check.
     * Simplification: kept on the vnode that all its namecache entries share rather than on each entry
     * ({@code cache_inval_wxok} clears them all at once anyway).
     */
    public boolean wxok;
    /** Set once at first use. */
    public LockMgr lock;
    /** The FIFO behind a {@code VFIFO} vnode while it is open. */
    public Object fifo;
    /** The vnode pager and through it {@code v_object}, made at the first {@code mmap} of a regular file. */
    public VnodePagerImpl pager;
    /** {@code v_socket}: the socket bound to a {@code VSOCK} vnode, while it is open. */
    public Object socket;
    /** The file's record locks, made at the first {@code fcntl} lock (DragonFly keeps them in the inode). */
    public Lockf lockf;
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

    /** {@code v_object}, or null when the file was never mapped. */
    public VnodeObject object() {
        return pager == null ? null : pager.object();
    }

    public boolean isDir() {
        return type == VType.VDIR;
    }

    @Override
    public String toString() {
        return "vnode " + mount.id + ":" + ino + " (" + type + ", " + state + ", refs " + refcnt + "/" + auxcnt + ")";
    }
}
