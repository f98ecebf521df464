package org.odonata.vfs.core;

import java.util.List;

import org.odonata.api.fs.FileSystemType;

/** The filesystem types a VFS can mount right now (the registered services, or a fixed list in tests). */
public interface FsTypes {

    /** The type of that name, or null. */
    FileSystemType find(String name);

    /** Every name, sorted. */
    List<String> names();
}
