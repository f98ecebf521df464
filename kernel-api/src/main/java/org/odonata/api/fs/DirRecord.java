package org.odonata.api.fs;

/**
 * One entry of {@link FsNode#readdir}: its name, inode number and type, and the cookie to continue after it (the
 * directory offset of the next entry). Cookies are the filesystem's own; the VFS only stores and hands them back.
 */
public record DirRecord(byte[] name, long ino, VType type, long nextCookie) {

    public DirRecord {
        name = name.clone();
    }

    @Override
    public byte[] name() {
        return name.clone();
    }
}
