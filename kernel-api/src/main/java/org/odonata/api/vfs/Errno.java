package org.odonata.api.vfs;

/**
 * Error numbers as DragonFly's {@code sys/errno.h} defines them. System calls return {@code -code()}; where
 * Linux's value differs (ELOOP, ENAMETOOLONG, ENOTEMPTY, ENOSYS, EAGAIN, …) the name is what a replayed trace
 * is compared by.
 */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), ENXIO(6), E2BIG(7), ENOEXEC(8), EBADF(9), ECHILD(10),
    EDEADLK(11), ENOMEM(12), EACCES(13), EFAULT(14), ENOTBLK(15), EBUSY(16), EEXIST(17), EXDEV(18), ENODEV(19),
    ENOTDIR(20), EISDIR(21), EINVAL(22), ENFILE(23), EMFILE(24), ENOTTY(25), ETXTBSY(26), EFBIG(27), ENOSPC(28),
    ESPIPE(29), EROFS(30), EMLINK(31), EPIPE(32), EDOM(33), ERANGE(34), EAGAIN(35), ENOTSOCK(38),
    EPROTONOSUPPORT(43), EOPNOTSUPP(45), EAFNOSUPPORT(47), EADDRINUSE(48), ENOTCONN(57), ELOOP(62),
    ENAMETOOLONG(63), ENOTEMPTY(66), EDQUOT(69), ENOSYS(78), EFTYPE(79), EOVERFLOW(84);

    private static final Errno[] BY_CODE = new Errno[128];

    static {
        for (Errno e : values()) {
            BY_CODE[e.code] = e;
        }
    }

    private final int code;

    Errno(int code) {
        this.code = code;
    }

    /** The positive error number. */
    public int code() {
        return code;
    }

    /** What a system call returns for this error: {@code -code()}. */
    public int negated() {
        return -code;
    }

    /**
     * The error a system call's result stands for, or null for a success (a result ≥ 0).
     *
     * @throws IllegalArgumentException for a negative result that is no known error number
     */
    public static Errno ofResult(long result) {
        if (result >= 0) {
            return null;
        }
        if (-result < BY_CODE.length && BY_CODE[(int) -result] != null) {
            return BY_CODE[(int) -result];
        }
        throw new IllegalArgumentException("no errno " + (-result));
    }
}
