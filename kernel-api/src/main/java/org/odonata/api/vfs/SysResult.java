package org.odonata.api.vfs;

/**
 * The result of a system call that returns a value besides its status: the value, or the error it failed with.
 *
 * @param error 0 on success, else the negative errno the call returned
 * @param value the value on success, else null
 */
public record SysResult<T>(int error, T value) {

    public static <T> SysResult<T> ok(T value) {
        return new SysResult<>(0, value);
    }

    public static <T> SysResult<T> failed(Errno errno) {
        return new SysResult<>(errno.negated(), null);
    }

    public boolean ok() {
        return error == 0;
    }

    /** The error, or null on success. */
    public Errno errno() {
        return Errno.ofResult(error);
    }
}
