package org.odonata.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names strace prints for Linux x86-64 constants ({@code include/uapi/asm-generic/fcntl.h}, {@code stat.h},
 * {@code sched.h}), with their values — the values {@code org.odonata.api.vfs.Fcntl} uses too — and the system call
 * names of the architecture. A name outside a table is a {@link Unsupported} call, not a malformed trace.
 */
final class Linux {

    static final Map<String, Long> OPEN = new HashMap<>();
    static final Map<String, Long> AT = new HashMap<>();
    static final Map<String, Long> MODE = new HashMap<>();
    static final Map<String, Long> FCNTL = new HashMap<>();
    static final Map<String, Long> SEEK = new HashMap<>();
    static final Map<String, Long> ACCESS = new HashMap<>();
    static final Map<String, Long> RENAME = new HashMap<>();
    static final Map<String, Long> FD = new HashMap<>();
    static final Map<String, Long> SOCK = new HashMap<>();

    static final long CLONE_VM = 0x100;
    static final long CLONE_FS = 0x200;
    static final long CLONE_FILES = 0x400;
    static final long CLONE_VFORK = 0x4000;
    static final long CLONE_THREAD = 0x10000;
    static final Map<String, Long> CLONE = Map.of("CLONE_VM", CLONE_VM, "CLONE_FS", CLONE_FS, "CLONE_FILES",
            CLONE_FILES, "CLONE_VFORK", CLONE_VFORK, "CLONE_THREAD", CLONE_THREAD);

    static final long O_CREAT = 0100;
    static final long O_LARGEFILE = 0100000;
    static final long O_CLOEXEC = 02000000;
    static final long O_TMPFILE = 020200000;
    static final long O_PATH = 010000000;
    static final long AT_FDCWD = -100;
    static final long AT_EMPTY_PATH = 0x1000;
    static final long AT_REMOVEDIR = 0x200;

    static final Set<String> SYSCALLS = new HashSet<>();

    static {
        put(OPEN, "O_RDONLY", 0, "O_WRONLY", 1, "O_RDWR", 2, "O_ACCMODE", 3, "O_CREAT", 0100, "O_EXCL", 0200, "O_NOCTTY", 0400,
                "O_TRUNC", 01000, "O_APPEND", 02000, "O_NONBLOCK", 04000, "O_NDELAY", 04000, "O_DSYNC", 010000,
                "O_ASYNC", 020000, "FASYNC", 020000, "O_DIRECT", 040000, "O_LARGEFILE", 0100000,
                "O_DIRECTORY", 0200000, "O_NOFOLLOW", 0400000, "O_NOATIME", 01000000, "O_CLOEXEC", 02000000,
                "O_SYNC", 04010000, "__O_SYNC", 04000000, "O_PATH", 010000000, "O_TMPFILE", 020200000,
                "__O_TMPFILE", 020000000);
        put(AT, "AT_FDCWD", -100, "AT_SYMLINK_NOFOLLOW", 0x100, "AT_REMOVEDIR", 0x200, "AT_EACCESS", 0x200,
                "AT_SYMLINK_FOLLOW", 0x400, "AT_NO_AUTOMOUNT", 0x800, "AT_EMPTY_PATH", 0x1000,
                "AT_STATX_SYNC_AS_STAT", 0, "AT_STATX_FORCE_SYNC", 0x2000, "AT_STATX_DONT_SYNC", 0x4000,
                "AT_RECURSIVE", 0x8000);
        put(MODE, "S_IFSOCK", 0140000, "S_IFLNK", 0120000, "S_IFREG", 0100000, "S_IFBLK", 060000, "S_IFDIR", 040000,
                "S_IFCHR", 020000, "S_IFIFO", 010000, "S_ISUID", 04000, "S_ISGID", 02000, "S_ISVTX", 01000);
        put(FCNTL, "F_DUPFD", 0, "F_GETFD", 1, "F_SETFD", 2, "F_GETFL", 3, "F_SETFL", 4, "F_GETLK", 5, "F_SETLK", 6,
                "F_SETLKW", 7, "F_SETOWN", 8, "F_GETOWN", 9, "F_SETSIG", 10, "F_GETSIG", 11, "F_SETOWN_EX", 15,
                "F_GETOWN_EX", 16, "F_OFD_GETLK", 36, "F_OFD_SETLK", 37, "F_OFD_SETLKW", 38, "F_SETLEASE", 1024,
                "F_GETLEASE", 1025, "F_NOTIFY", 1026, "F_DUPFD_CLOEXEC", 1030, "F_SETPIPE_SZ", 1031,
                "F_GETPIPE_SZ", 1032, "F_ADD_SEALS", 1033, "F_GET_SEALS", 1034);
        put(SEEK, "SEEK_SET", 0, "SEEK_CUR", 1, "SEEK_END", 2, "SEEK_DATA", 3, "SEEK_HOLE", 4);
        put(ACCESS, "F_OK", 0, "X_OK", 1, "W_OK", 2, "R_OK", 4);
        put(RENAME, "RENAME_NOREPLACE", 1, "RENAME_EXCHANGE", 2, "RENAME_WHITEOUT", 4);
        put(FD, "FD_CLOEXEC", 1);
        put(SOCK, "SOCK_STREAM", 1, "SOCK_DGRAM", 2, "SOCK_RAW", 3, "SOCK_RDM", 4, "SOCK_SEQPACKET", 5,
                "SOCK_NONBLOCK", 04000, "SOCK_CLOEXEC", 02000000);
        try (InputStream in = Linux.class.getResourceAsStream("linux-x86_64-syscalls.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            r.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(SYSCALLS::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Linux() {
    }

    private static void put(Map<String, Long> m, Object... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
    }

    /** A lookup for {@code StraceText.flags} that reports an unknown name as unsupported. */
    static java.util.function.ToLongFunction<String> names(Map<String, Long> table, String what) {
        return n -> {
            Long v = table.get(n);
            if (v == null) {
                throw new Unsupported(what + " " + n);
            }
            return v;
        };
    }

    /** Linux error names that are another name for one the model uses. */
    static String errnoName(String linux) {
        return switch (linux) {
            case "ENOTSUP" -> "EOPNOTSUPP";
            case "EWOULDBLOCK" -> "EAGAIN";
            case "EDEADLOCK" -> "EDEADLK";
            default -> linux;
        };
    }
}
