package org.odonata.fs.tmpfs;

import java.util.Locale;
import java.util.Map;

import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FsCapacity;
import org.odonata.api.fs.FsException;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.MountRequest;
import org.odonata.api.fs.NewNode;
import org.odonata.api.fs.VType;
import org.odonata.api.memory.PhysicalMemory;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.VfsHost;

/**
 * A mounted tmpfs ({@code struct tmpfs_mount}, {@code tmpfs_vfsops.c}): its root, and the limits every allocation
 * is checked against — at most {@code tm_pages_max} pages of file data, taken from the machine's physical memory
 * (so tmpfs and everything else on the machine compete for it), and at most {@code tm_nodes_max} nodes. Running
 * out of either is ENOSPC, with nothing half done. Defaults: half of physical memory; one node per page.
 * Namespace changes take the mount's token ({@code mnt_token}), as DragonFly's tmpfs vnops do.
 */
final class TmpfsMount implements FileSystem {

    /** Cycles of {@code tmpfs_alloc_node}. */
    static final long NODE_ALLOC_CYCLES = 300;
    /** Cycles of allocating and zeroing a page ({@code vm_page_alloc} plus a 4 KB clear). */
    static final long PAGE_ALLOC_CYCLES = 400;
    /** Cycles of a directory-entry lookup, insert or removal. */
    static final long DIRENT_CYCLES = 80;

    final VfsHost host;
    final PhysicalMemory memory;
    final String token;
    final long pagesMax;
    final long nodesMax;
    long pagesUsed;
    long nodesInUse;
    private long nextIno = 2;
    final TmpfsNode root;

    TmpfsMount(MountRequest req) {
        this.host = req.host();
        this.memory = host.machine().memory();
        this.token = req.mountToken();
        long frames = 0;
        for (int n = 0; n < memory.nodes(); n++) {
            frames += memory.totalFrames(n);
        }
        this.pagesMax = option(req.options(), "size", frames / 2 * PhysicalMemory.PAGE_SIZE)
                / PhysicalMemory.PAGE_SIZE;
        this.nodesMax = option(req.options(), "inodes", Math.max(pagesMax, 16));
        if (pagesMax < 1) {
            throw new FsException(Errno.EINVAL, "tmpfs size below one page");
        }
        this.root = allocNode(new NewNode(VType.VDIR, 0755, 0, 0, 0), null);
    }

    @Override
    public FsNode root() {
        return root;
    }

    @Override
    public FsCapacity statfs() {
        return new FsCapacity(PhysicalMemory.PAGE_SIZE, pagesMax, pagesMax - pagesUsed, nodesMax,
                nodesMax - nodesInUse);
    }

    @Override
    public void sync(boolean waitFor) {
        // memory is the backing store: nothing to write
    }

    @Override
    public void unmount(boolean force) {
        root.freeTree();
    }

    /** {@code tmpfs_alloc_node}: a new node, or ENOSPC once {@code nodesMax} are in use. */
    TmpfsNode allocNode(NewNode attrs, TmpfsNode parent) {
        if (nodesInUse >= nodesMax) {
            throw new FsException(Errno.ENOSPC, "tmpfs: no free inodes");
        }
        host.charge(NODE_ALLOC_CYCLES);
        nodesInUse++;
        return new TmpfsNode(this, nextIno++, attrs, parent);
    }

    /** A page frame for file data, or ENOSPC at the size limit or when the machine has no free memory. */
    long allocPage() {
        if (pagesUsed >= pagesMax) {
            throw new FsException(Errno.ENOSPC, "tmpfs: size limit reached");
        }
        for (int n = 0; n < memory.nodes(); n++) {
            long frame = memory.allocate(n);
            if (frame >= 0) {
                host.charge(PAGE_ALLOC_CYCLES);
                pagesUsed++;
                return frame;
            }
        }
        throw new FsException(Errno.ENOSPC, "tmpfs: no free memory");
    }

    void freePage(long frame) {
        memory.free(frame);
        pagesUsed--;
    }

    long now() {
        return host.realtime();
    }

    void lock() {
        if (host.curcpu() >= 0) {
            host.gettoken(token, false);
        }
    }

    void unlock() {
        if (host.curcpu() >= 0) {
            host.reltoken();
        }
    }

    /** A size option: bytes with an optional k, m or g suffix, or a count. */
    private static long option(Map<String, String> options, String key, long def) {
        String v = options.get(key);
        if (v == null) {
            return def;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (s.endsWith("k")) {
            mult = 1L << 10;
        } else if (s.endsWith("m")) {
            mult = 1L << 20;
        } else if (s.endsWith("g")) {
            mult = 1L << 30;
        }
        if (mult != 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Long.parseLong(s) * mult;
        } catch (NumberFormatException e) {
            throw new FsException(Errno.EINVAL, "tmpfs option " + key + "=" + v + ": expected a number");
        }
    }
}
