package org.odonata.vfs.host;

/**
 * Cycles the VFS charges for its own work, beyond syscall entry and exit (which the kernel core charges) and the
 * cache lines lockmgr locks and tokens touch (which the coherence model prices). They are approximate path lengths
 * of the DragonFly functions named, not measurements.
 */
public final class Costs {

    /** {@code holdfp}/{@code fget}: a descriptor table lookup. */
    public static final long FGET = 20;
    /** {@code falloc} and {@code fsetfd}: a new open file and its descriptor. */
    public static final long FALLOC = 250;
    /** {@code cache_nlookup}: hashing a component (plus {@link #PER_NAME_BYTE} per byte) and walking the bucket. */
    public static final long NCP_HASH = 40;
    public static final long PER_NAME_BYTE = 1;
    /** {@code cache_alloc}: a new namecache entry. */
    public static final long NCP_ALLOC = 150;
    /** A VOP dispatch through the mount's operations vector. */
    public static final long VOP = 25;
    /** {@code getnewvnode}/{@code allocvnode}. */
    public static final long VNODE_ALLOC = 400;
    /** {@code uiomove}: copying between user and kernel buffers, per byte (one cycle per 8 bytes). */
    public static final int COPY_SHIFT = 3;
    /** Creating a pipe ({@code pipe(2)}: two files and the pipe buffer). */
    public static final long PIPE_CREATE = 2_000;
    /** A pipe transfer, plus one cycle per 8 bytes. */
    public static final long PIPE_OP = 250;

    /** {@code findblk}: hashing a device offset and walking the bucket. */
    public static final long BUF_LOOKUP = 60;
    /** {@code getnewbuf}: a new buffer header, its pages wired, plus {@link #PER_PAGE} per page. */
    public static final long BUF_ALLOC = 300;
    public static final long PER_PAGE = 100;
    /** {@code brelse}/{@code bqrelse}: requeueing a buffer and waking its waiters. */
    public static final long BUF_RELEASE = 40;

    private Costs() {
    }
}
