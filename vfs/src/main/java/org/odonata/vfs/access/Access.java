package org.odonata.vfs.access;

import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;

/**
 * Permission checks against a node's attributes ({@code naccess_va}, {@code sys/kern/vfs_nlookup.c}): uid 0 passes
 * read and write always and execute when some execute bit is set; otherwise the owner bits apply to the owner, the
 * group bits to a group member, the other bits to everyone else, and exactly one class is consulted. Cost: none
 * beyond the getattr that produced the attributes.
 */
public final class Access {

    /** {@code VREAD}, {@code VWRITE}, {@code VEXEC} as the owner's bits; shifted for group and other. */
    public static final int VREAD = 0400;
    public static final int VWRITE = 0200;
    public static final int VEXEC = 0100;

    private Access() {
    }

    /** 0, or EACCES when {@code cred} lacks any of {@code vmode} ({@code VREAD|VWRITE|VEXEC}) on {@code va}. */
    public static int check(Vattr va, int vmode, Ucred cred) {
        if (cred.superuser()) {
            // root may execute only what someone may execute; directories are always searchable
            if ((vmode & VEXEC) != 0 && va.type() != VType.VDIR && (va.mode() & 0111) == 0) {
                return Errno.EACCES.negated();
            }
            return 0;
        }
        int m = vmode;
        if (cred.euid() == va.uid()) {
            return (va.mode() & m) == m ? 0 : Errno.EACCES.negated();
        }
        m >>= 3;
        if (cred.groupMember(va.gid())) {
            return (va.mode() & m) == m ? 0 : Errno.EACCES.negated();
        }
        m >>= 3;
        return (va.mode() & m) == m ? 0 : Errno.EACCES.negated();
    }

    /** The {@code access(2)} bits {@code R_OK|W_OK|X_OK} as a vmode. */
    public static int vmodeOf(int accessMode) {
        int v = 0;
        if ((accessMode & Fcntl.R_OK) != 0) {
            v |= VREAD;
        }
        if ((accessMode & Fcntl.W_OK) != 0) {
            v |= VWRITE;
        }
        if ((accessMode & Fcntl.X_OK) != 0) {
            v |= VEXEC;
        }
        return v;
    }

    /**
     * The sticky-directory rule for removing or renaming an entry: in a directory with {@code S_ISVTX} only the
     * entry's owner, the directory's owner or uid 0 may; 0 or EPERM.
     */
    public static int sticky(Vattr dir, Vattr target, Ucred cred) {
        if ((dir.mode() & Fcntl.S_ISVTX) == 0 || cred.superuser() || cred.euid() == target.uid()
                || cred.euid() == dir.uid()) {
            return 0;
        }
        return Errno.EPERM.negated();
    }

    /** Only the owner or uid 0 may change a node's mode or times to given values ({@code VOP_SETATTR}); 0 or EPERM. */
    public static int owner(Vattr va, Ucred cred) {
        return cred.superuser() || cred.euid() == va.uid() ? 0 : Errno.EPERM.negated();
    }
}
