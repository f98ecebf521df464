package org.odonata.api.vfs;

/**
 * The flag and mode constants of the file system calls, with Linux's values (the values strace prints for the
 * traces replayed against this kernel): {@code open} flags, {@code *at} flags, {@code fcntl} commands,
 * {@code lseek} whences, {@code access} modes, file types and permission bits.
 */
public final class Fcntl {

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    /** Ignored: the model has no page cache to bypass. */
    public static final int O_DIRECT = 040000;
    public static final int O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04010000;
    public static final int O_PATH = 010000000;

    /** The directory descriptor meaning the current directory. */
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EACCESS = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_EMPTY_PATH = 0x1000;

    /** renameat2: fail with EEXIST rather than replace. */
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;

    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_DUPFD_CLOEXEC = 1030;
    /** fcntl(2) record locks ({@link Flock}), Linux's command and type values. */
    public static final int F_GETLK = 5;
    public static final int F_SETLK = 6;
    public static final int F_SETLKW = 7;
    public static final int F_RDLCK = 0;
    public static final int F_WRLCK = 1;
    public static final int F_UNLCK = 2;
    public static final int FD_CLOEXEC = 1;

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;

    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;
    public static final int ALLPERMS = 07777;

    /** utimensat: set this time to the current time, or leave it unchanged. */
    public static final long UTIME_NOW = (1L << 30) - 1;
    public static final long UTIME_OMIT = (1L << 30) - 2;

    /** The longest name a directory entry may have, in bytes. */
    public static final int NAME_MAX = 255;
    /** The longest path a system call accepts, in bytes, including the terminating NUL. */
    public static final int PATH_MAX = 4096;
    /** Symbolic links followed in one lookup before ELOOP. */
    public static final int MAXSYMLINKS = 40;

    /** socket(2): the UNIX domain (the only one the model has), and the socket types, as Linux and DragonFly number them. */
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    /** socket(2) type flags, Linux's values (those of O_NONBLOCK and O_CLOEXEC). */
    public static final int SOCK_NONBLOCK = O_NONBLOCK;
    public static final int SOCK_CLOEXEC = O_CLOEXEC;
    /** The longest path a UNIX-domain socket address holds, in bytes, including a terminating NUL (Linux's sun_path). */
    public static final int SUN_PATH_MAX = 108;

    /** Mount flag: read-only. */
    public static final int MNT_RDONLY = 1;
    /** Unmount flag: even if files are open. */
    public static final int MNT_FORCE = 0x80000;

    private Fcntl() {
    }
}
