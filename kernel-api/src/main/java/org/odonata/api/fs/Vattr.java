package org.odonata.api.fs;

/**
 * A node's attributes ({@code struct vattr}), as {@link FsNode#getattr()} reports them. Times are nanoseconds since
 * the epoch of the kernel's virtual wall clock ({@code VfsHost.realtime()}).
 *
 * @param type  the node's type
 * @param mode  permission bits with set-uid, set-gid and sticky ({@code 07777}), without the type bits
 * @param nlink hard links
 * @param uid   owner
 * @param gid   group
 * @param size  bytes (a directory: what the filesystem reports; a symbolic link: its target's length)
 * @param bytes storage used, in bytes
 * @param ino   the inode number, unique and stable on the mount while the node exists
 * @param rdev  device number of a special file, else 0
 * @param atime last access
 * @param mtime last modification of the data
 * @param ctime last change of data or attributes
 */
public record Vattr(VType type, int mode, long nlink, int uid, int gid, long size, long bytes, long ino, long rdev,
        long atime, long mtime, long ctime) {
}
