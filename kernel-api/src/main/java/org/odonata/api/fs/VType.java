package org.odonata.api.fs;

import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Fcntl;

/** A vnode's type ({@code enum vtype}), with its {@code S_IF*} mode bits and {@code DT_*} directory-entry type. */
public enum VType {
    VREG(Fcntl.S_IFREG, DirEntry.DT_REG),
    VDIR(Fcntl.S_IFDIR, DirEntry.DT_DIR),
    VLNK(Fcntl.S_IFLNK, DirEntry.DT_LNK),
    VFIFO(Fcntl.S_IFIFO, DirEntry.DT_FIFO),
    VCHR(Fcntl.S_IFCHR, DirEntry.DT_CHR),
    VBLK(Fcntl.S_IFBLK, DirEntry.DT_BLK),
    VSOCK(Fcntl.S_IFSOCK, DirEntry.DT_SOCK);

    private final int ifmt;
    private final int dtype;

    VType(int ifmt, int dtype) {
        this.ifmt = ifmt;
        this.dtype = dtype;
    }

    /** The {@link Fcntl#S_IFMT} bits of this type. */
    public int ifmt() {
        return ifmt;
    }

    /** The {@code DT_*} value {@code getdents} reports. */
    public int dtype() {
        return dtype;
    }

    /** The type whose {@code S_IF*} bits {@code mode} carries, or null if none. */
    public static VType ofMode(int mode) {
        int fmt = mode & Fcntl.S_IFMT;
        for (VType t : values()) {
            if (t.ifmt == fmt) {
                return t;
            }
        }
        return null;
    }
}
