package org.odonata.api.fs;

/** What {@link FileSystem#statfs()} reports: space in blocks of {@code blockSize} bytes, and inodes. */
public record FsCapacity(long blockSize, long blocks, long blocksFree, long files, long filesFree) {
}
