package org.odonata.fs.hammer.fs;

/**
 * One entry of {@link HammerFs#readdir}.
 *
 * @param name    the name
 * @param objId   the object it names
 * @param objType its type (directory or regular file)
 */
public record DirEntry(String name, long objId, int objType) {
}
