package org.odonata.api.vfs;

/**
 * What {@code statfs} and {@code getfsstat} return for one mount ({@code struct statfs}).
 *
 * @param type       the filesystem type's name ({@code tmpfs}, {@code hammer})
 * @param mountedOn  the path it is mounted on
 * @param mountedFrom the device it was mounted from, or {@code none}
 * @param blockSize  fundamental block size in bytes
 * @param blocks     total blocks
 * @param blocksFree free blocks
 * @param files      total inodes (file slots)
 * @param filesFree  free inodes
 * @param flags      {@link Fcntl#MNT_RDONLY}, …
 */
public record FsStat(String type, String mountedOn, String mountedFrom, long blockSize, long blocks,
        long blocksFree, long files, long filesFree, int flags) {
}
