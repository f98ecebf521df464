package org.odonata.api.vfs;

/**
 * What {@code fstat} and {@code fstatat} return ({@code struct stat}). Times are virtual nanoseconds since the
 * epoch of the machine's clock.
 *
 * @param dev     the mount's device number
 * @param ino     the file's inode number on that mount
 * @param mode    file type ({@link Fcntl#S_IFMT} bits) and permission bits
 * @param nlink   hard links
 * @param uid     owner
 * @param gid     group
 * @param rdev    device number of a character or block special file, else 0
 * @param size    bytes (a symbolic link: the length of its target)
 * @param blksize preferred I/O size
 * @param blocks  512-byte blocks allocated
 * @param atime   last access
 * @param mtime   last data modification
 * @param ctime   last status change
 */
public record FileStat(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size, int blksize,
        long blocks, long atime, long mtime, long ctime) {

    public int type() {
        return mode & Fcntl.S_IFMT;
    }

    public boolean isDirectory() {
        return type() == Fcntl.S_IFDIR;
    }

    public boolean isRegular() {
        return type() == Fcntl.S_IFREG;
    }

    public boolean isSymlink() {
        return type() == Fcntl.S_IFLNK;
    }
}
