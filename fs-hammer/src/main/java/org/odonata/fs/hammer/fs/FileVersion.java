package org.odonata.fs.hammer.fs;

/**
 * One version of an object, as {@link HammerFs#history} lists it: an INODE record and its lifetime.
 *
 * @param createTid  the TID from which this version is visible
 * @param deleteTid  the TID from which it no longer is; 0 for the current version
 * @param createTs   when it was created, in seconds of the mount clock
 * @param deleteTs   when it was replaced or removed (seconds); 0 for the current version
 * @param size       the object's size in this version
 * @param nlinks     its link count in this version
 */
public record FileVersion(long createTid, long deleteTid, long createTs, long deleteTs, long size, long nlinks) {

    public boolean current() {
        return deleteTid == 0;
    }
}
