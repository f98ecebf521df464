package org.odonata.fs.hammer.alloc;

/**
 * hammer_checkspace's slop, in DragonFly's 8 MB chunks (HAMMER_CHKSPC_* in hammer.h): how much free space an
 * operation must leave beyond what pending changes need. Writes and creations stop first, so removals (and
 * the reblock that compacts what they free) still find room on a volume that refuses new data.
 */
public enum Slop {
    /** HAMMER_CHKSPC_WRITE. */
    WRITE(20),
    /** HAMMER_CHKSPC_CREATE: create, mkdir, link, rename. */
    CREATE(20),
    /**
     * HAMMER_CHKSPC_REMOVE: unlink, rmdir. Reblock uses it too, not DragonFly's HAMMER_CHKSPC_REBLOCK (25), so that
     * reblock can still compact a volume on which writes are refused (DragonFly's reblock would stop first).
     */
    REMOVE(10),
    /** HAMMER_CHKSPC_EMERGENCY. */
    EMERGENCY(0);

    final int chunks;

    Slop(int chunks) {
        this.chunks = chunks;
    }
}
