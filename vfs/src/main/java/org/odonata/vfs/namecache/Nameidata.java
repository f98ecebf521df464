package org.odonata.vfs.namecache;

import org.odonata.vfs.access.Ucred;

/**
 * One lookup ({@code struct nlookupdata}): the path, where it starts, the caller's root and credentials and the
 * {@code NLC_*} flags; after {@link NLookup#nlookup} the resolved leaf, locked, which {@link NLookup#done} unlocks.
 */
public final class Nameidata {

    /** Follow a symbolic link in the last component. */
    public static final int FOLLOW = 0x1;
    /** The last component may be missing (a negative leaf is returned). */
    public static final int CREATE = 0x2;
    /** The last component is to be removed or renamed: {@code .} and {@code ..} are refused. */
    public static final int DELETE = 0x4;
    /** The last component will be a directory: a trailing slash on a missing name is allowed. */
    public static final int WILLBEDIR = 0x8;
    /** The last component is a rename's source or target ({@code NLC_RENAME_SRC}/{@code NLC_RENAME_DST}). */
    public static final int RENAME = 0x10;
    /**
     * The leaf may be locked shared ({@code NLC_SHAREDLOCK}): callers that only read it (stat, chdir, exec, an open
     * without O_CREAT or O_TRUNC) ask for it, as DragonFly's {@code kern_stat}, {@code kern_chdir}, {@code kern_execve}
     * and {@code kern_open} do; without it the leaf is locked exclusively ({@code wantsexcllock}).
     */
    public static final int SHAREDLOCK = 0x20;

    public final byte[] path;
    public final Ncp start;
    public final Ncp root;
    public final Ucred cred;
    public final int flags;

    /** The leaf, locked (shared only with {@link #SHAREDLOCK}), when {@link NLookup#nlookup} returned 0. */
    public Ncp ncp;
    /** The path ended with a slash. */
    public boolean trailingSlash;
    /** The last component was {@code .} or {@code ..} (1 or 2), else 0. */
    public int dots;

    public Nameidata(byte[] path, Ncp start, Ncp root, Ucred cred, int flags) {
        this.path = path;
        this.start = start;
        this.root = root;
        this.cred = cred;
        this.flags = flags;
    }
}
