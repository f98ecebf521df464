package org.odonata.fs.hammer.fs;

import org.odonata.fs.hammer.object.RecordType;

/**
 * An inode's attributes as seen by {@link HammerFs#stat}.
 *
 * @param objId      object id (inode number)
 * @param objType    {@link RecordType#OBJ_DIRECTORY} or {@link RecordType#OBJ_REGFILE}
 * @param size       bytes
 * @param nlinks     hard links (directories: 1, as in HAMMER)
 * @param parent     object id of the directory it was created in (or last renamed into)
 * @param ctime      change time from the mount clock
 * @param mtime      modification time from the mount clock
 * @param versionTid create_tid of the INODE record describing this version; 0 if not flushed yet
 */
public record Stat(long objId, int objType, long size, long nlinks, long parent, long ctime, long mtime,
        long versionTid) {

    public boolean isDirectory() {
        return objType == RecordType.OBJ_DIRECTORY;
    }
}
