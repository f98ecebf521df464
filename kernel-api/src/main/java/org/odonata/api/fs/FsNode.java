package org.odonata.api.fs;

import java.util.List;
import java.util.Map;

import org.odonata.api.vfs.Errno;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A filesystem's node — what a vnode's {@code v_data} points at — and the operations the VFS calls on it: the
 * vnode VOPs ({@code read}, {@code write}, {@code getattr}, {@code setattr}, {@code fsync}, {@code readdir},
 * {@code readlink}, {@code inactive}, {@code reclaim}) and, on directories, DragonFly's namecache VOPs
 * ({@code nresolve}, {@code nlookupdotdot}, {@code ncreate}, {@code nmkdir}, {@code nsymlink}, {@code nlink},
 * {@code nremove}, {@code nrmdir}, {@code nrename}).
 * <p>
 * Contract. The VFS owns naming and permissions: it has resolved and locked the names involved, checked access
 * (mode bits, sticky directories, read-only mounts), that a name to create does not exist and one to remove does,
 * that names are valid (no NUL or {@code /}, not {@code .} or {@code ..}, at most {@code NAME_MAX} bytes) and that a
 * rename does not move a directory into itself. It calls a node's operations holding the node's vnode lock (shared
 * for reads, exclusive otherwise) and a directory's for the n* operations; operations on different nodes of one
 * mount may interleave wherever one blocks (disk I/O, a lock). Nodes are identified by {@link #ino()}: the VFS keeps
 * one vnode per inode number and mount, so returning a new object for the same inode is allowed. Failures throw
 * {@link FsException} with the errno for the caller (ENOSPC for a full filesystem, which must stay consistent).
 * Defaults: operations a node's type does not have fail with the errno POSIX gives.
 */
@ConsumerType
public interface FsNode {

    /** The inode number: unique on the mount while the node exists. */
    long ino();

    /**
     * {@code VOP_IOCTL}: a filesystem's own request on an open file, such as HAMMER's {@code HAMMERIOC_GET_PSEUDOFS}.
     * Requests are named and their arguments and results are named fields, the model's stand-in for an ioctl number
     * and its struct; the result keeps the filesystem's field order. A request the filesystem does not know is
     * ENOTTY, as {@code vop_stdioctl} answers. Called without the vnode lock (DragonFly's {@code vn_ioctl}): the
     * filesystem serializes its requests itself.
     */
    default Map<String, String> ioctl(String request, Map<String, String> args) {
        throw new FsException(Errno.ENOTTY, request);
    }

    VType type();

    /** {@code VOP_GETATTR}. */
    Vattr getattr();

    /** {@code VOP_SETATTR}: changes what is non-null; a size change on a directory is EISDIR. */
    void setattr(VattrChange change);

    /**
     * {@code VOP_READ} of a regular file: up to {@code len} bytes at {@code offset} into {@code dst[off..]};
     * returns the bytes read, 0 at or past the end. Also the read path of a vnode pager.
     */
    default int read(long offset, byte[] dst, int off, int len) {
        throw new FsException(type() == VType.VDIR ? Errno.EISDIR : Errno.EINVAL);
    }

    /**
     * {@code VOP_WRITE} of a regular file: {@code len} bytes at {@code offset}, extending the file as needed;
     * returns the bytes written, fewer only when space ran out after some were written (none: ENOSPC). Also the
     * write path of a vnode pager.
     */
    default int write(long offset, byte[] src, int off, int len) {
        throw new FsException(type() == VType.VDIR ? Errno.EISDIR : Errno.EINVAL);
    }

    /** {@code VOP_FSYNC}: the node's data (and with {@code !dataOnly} its metadata) reach stable storage. */
    default void fsync(boolean dataOnly) {
    }

    /** {@code VOP_READLINK}: a symbolic link's target. */
    default byte[] readlink() {
        throw new FsException(Errno.EINVAL);
    }

    /**
     * {@code VOP_READDIR}: up to {@code max} entries starting at {@code cookie} (0: the first), without {@code .}
     * and {@code ..} (the VFS adds those). An empty list means the end.
     */
    default List<DirRecord> readdir(long cookie, int max) {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_NRESOLVE}: the node a directory names {@code name}, or null when it names none (a negative hit). */
    default FsNode nresolve(byte[] name) {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_NLOOKUPDOTDOT}: a directory's parent (the root's parent is the root itself). */
    default FsNode nlookupdotdot() {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_NCREATE} and {@code VOP_NMKNOD}: a new regular file, FIFO, socket or special file. */
    default FsNode ncreate(byte[] name, NewNode attrs) {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_NMKDIR}: a new, empty directory. */
    default FsNode nmkdir(byte[] name, NewNode attrs) {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_NSYMLINK}: a new symbolic link to {@code target}. */
    default FsNode nsymlink(byte[] name, NewNode attrs, byte[] target) {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_NLINK}: a new name for the non-directory {@code target} of the same mount. */
    default void nlink(byte[] name, FsNode target) {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_NREMOVE}: removes the name of a non-directory. */
    default void nremove(byte[] name) {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_NRMDIR}: removes the name of an empty directory (ENOTEMPTY otherwise). */
    default void nrmdir(byte[] name) {
        throw new FsException(Errno.ENOTDIR);
    }

    /**
     * {@code VOP_NRENAME}: moves {@code name} to {@code toName} in {@code toDir} (same mount), replacing what
     * {@code toName} names: the VFS has checked that a replaced directory is empty and of the same kind.
     */
    default void nrename(byte[] name, FsNode toDir, byte[] toName) {
        throw new FsException(Errno.ENOTDIR);
    }

    /** {@code VOP_INACTIVE}: the last active reference went away; an unlinked node may free its storage now. */
    default void inactive() {
    }

    /** {@code VOP_RECLAIM}: the VFS forgets this node; the filesystem may drop what it keeps for it in memory. */
    default void reclaim() {
    }
}
