package org.odonata.replay.mtree;

import org.odonata.api.vfs.Fcntl;

/** mtree's names of the file types ({@code inotype} and {@code nodetype} in NetBSD's mtree). */
final class MtreeType {

    private MtreeType() {
    }

    static String name(int type) {
        return switch (type) {
            case Fcntl.S_IFREG -> "file";
            case Fcntl.S_IFDIR -> "dir";
            case Fcntl.S_IFLNK -> "link";
            case Fcntl.S_IFBLK -> "block";
            case Fcntl.S_IFCHR -> "char";
            case Fcntl.S_IFIFO -> "fifo";
            case Fcntl.S_IFSOCK -> "socket";
            default -> "unknown";
        };
    }

    /** The {@code S_IF*} type of an mtree type name, or -1. */
    static int of(String name) {
        return switch (name) {
            case "file" -> Fcntl.S_IFREG;
            case "dir" -> Fcntl.S_IFDIR;
            case "link" -> Fcntl.S_IFLNK;
            case "block" -> Fcntl.S_IFBLK;
            case "char" -> Fcntl.S_IFCHR;
            case "fifo" -> Fcntl.S_IFIFO;
            case "socket" -> Fcntl.S_IFSOCK;
            default -> -1;
        };
    }
}
