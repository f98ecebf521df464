package org.odonata.vfs.namecache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sync.LockMgr;
import org.odonata.vfs.mount.Mount;
import org.odonata.vfs.vnode.Vnode;

/**
 * A namecache entry ({@code struct namecache}): a name in a parent directory, in one of four states — unresolved
 * ({@link #UNRESOLVED}), positive ({@code vp} set), negative ({@code vp} null, {@code error} ENOENT) or destroyed
 * ({@link #DESTROYED}: out of the hash and its parent). A mount's root entry has no parent; crossing into a mount
 * goes through the covered entry's {@link #ISMOUNTPT} flag. Its lock ({@code nc_lock}) is a lockmgr lock created at
 * first use. Simplification: entries live as long as something refers to them (the garbage collector stands for
 * {@code nc_refs}).
 */
public final class Ncp {

    public static final int UNRESOLVED = 0x1;
    public static final int ISMOUNTPT = 0x2;
    public static final int ISDIR = 0x4;
    public static final int ISSYMLINK = 0x8;
    public static final int DESTROYED = 0x10;

    public final Mount mount;
    /** Creation order: the order two entries are locked in ({@code cache_lock4_tondlocked} sorts by address). */
    public final long serial;
    Ncp parent;
    byte[] name;
    int hash;
    public Vnode vp;
    public int flags = UNRESOLVED;
    /** 0 for a positive entry, ENOENT's code for a negative one. */
    public int error;
    Ncp hashNext;
    List<Ncp> children;
    LockMgr lock;
    /** Threads holding or waiting for the lock: a locked entry is never trimmed. */
    int lockers;
    Ncp negPrev;
    Ncp negNext;
    boolean onNegList;

    Ncp(Mount mount, Ncp parent, byte[] name, int hash, long serial) {
        this.mount = mount;
        this.serial = serial;
        this.parent = parent;
        this.name = name;
        this.hash = hash;
    }

    public Ncp parent() {
        return parent;
    }

    public byte[] name() {
        return name;
    }

    public boolean resolved() {
        return (flags & UNRESOLVED) == 0;
    }

    public boolean negative() {
        return resolved() && vp == null;
    }

    public boolean isDir() {
        return (flags & ISDIR) != 0;
    }

    public boolean destroyed() {
        return (flags & DESTROYED) != 0;
    }

    void addChild(Ncp c) {
        if (children == null) {
            children = new ArrayList<>(4);
        }
        children.add(c);
    }

    @Override
    public String toString() {
        return "ncp '" + new String(name, StandardCharsets.UTF_8) + "' flags 0x" + Integer.toHexString(flags)
                + (vp == null ? "" : " " + vp);
    }
}
