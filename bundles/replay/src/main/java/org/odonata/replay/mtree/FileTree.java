package org.odonata.replay.mtree;

import java.util.List;

import org.odonata.api.vfs.Fcntl;

/**
 * A tree of files as mtree sees it: {@code lstat}, directory listings, link targets and contents. Paths are byte
 * strings; a failing access throws {@link IllegalStateException} naming the path and the error.
 */
public interface FileTree {

    /**
     * What mtree compares of a file.
     *
     * @param type a {@link Fcntl} {@code S_IF*} file type
     * @param mode the permission bits with set-id and sticky ({@code 07777})
     */
    record Node(int type, int mode, long nlink, int uid, int gid, long size) {

        public boolean isDirectory() {
            return type == Fcntl.S_IFDIR;
        }

        public boolean isRegular() {
            return type == Fcntl.S_IFREG;
        }

        public boolean isSymlink() {
            return type == Fcntl.S_IFLNK;
        }

        /** mtree's name of the type: {@code file}, {@code dir}, {@code link}, {@code block}, … */
        public String typeName() {
            return MtreeType.name(type);
        }
    }

    /** {@code lstat}: the file itself (a symbolic link, not its target), or null when it does not exist. */
    Node lstat(byte[] path);

    /** The names in a directory, without {@code .} and {@code ..}, in any order. */
    List<byte[]> list(byte[] dir);

    byte[] readlink(byte[] path);

    /** The SHA-256 of a regular file's contents. */
    byte[] sha256(byte[] path);
}
