package org.odonata.api.fs;

/**
 * The attributes of a node to create, as the VFS decided them: the type, the permission bits with the process's
 * umask applied, the owner (the effective uid) and group (the effective gid, or the directory's under a set-gid
 * directory), and for a special file its device number.
 */
public record NewNode(VType type, int mode, int uid, int gid, long rdev) {
}
