package org.odonata.api.vfs;

/**
 * A POSIX record lock as {@code fcntl(2)}'s {@code struct flock} describes it.
 *
 * @param type   {@link Fcntl#F_RDLCK}, {@link Fcntl#F_WRLCK} or {@link Fcntl#F_UNLCK}
 * @param whence where {@code start} counts from: {@link Fcntl#SEEK_SET}, {@code SEEK_CUR} or {@code SEEK_END}
 * @param start  the first byte, relative to {@code whence}
 * @param len    bytes; 0 means to the end of the file however far it grows, a negative length the bytes before
 *               {@code start}
 * @param pid    the process holding a lock that {@link Fcntl#F_GETLK} found, else 0
 */
public record Flock(int type, int whence, long start, long len, int pid) {
}
