package @PACKAGE@;

import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FsCapacity;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.NewNode;
import org.odonata.api.fs.VType;
import org.odonata.api.vfs.VfsHost;

/**
 * A mounted {@code @NAME@}: its root and its inode numbers. Everything is in host memory and nothing limits it; a
 * filesystem of your own adds its on-disk (or in-memory) layout here, and ENOSPC when it runs out.
 */
final class @Name@Mount implements FileSystem {

    /** The block size statfs reports. */
    static final long BLOCK = 4096;
    /** Cycles charged per operation: the model's cost of a directory lookup or an inode update. */
    static final long OP_CYCLES = 200;

    final VfsHost host;
    private long nextIno = 2;
    long bytes;
    long nodes;
    private final @Name@Node root;

    @Name@Mount(VfsHost host) {
        this.host = host;
        this.root = newNode(new NewNode(VType.VDIR, 0755, 0, 0, 0), null);
    }

    @Override
    public FsNode root() {
        return root;
    }

    @Override
    public FsCapacity statfs() {
        long used = (bytes + BLOCK - 1) / BLOCK;
        return new FsCapacity(BLOCK, used + (1L << 20), 1L << 20, nodes + (1L << 20), 1L << 20);
    }

    @Override
    public void sync(boolean waitFor) {
        // memory is the backing store: nothing to write
    }

    @Override
    public void unmount(boolean force) {
        // the nodes are garbage once the VFS lets go of the root
    }

    @Name@Node newNode(NewNode attrs, @Name@Node parent) {
        nodes++;
        return new @Name@Node(this, nextIno++, attrs, parent);
    }

    /**
     * Charges an operation's cost before it touches any state: the charge is where virtual time passes (and another
     * thread may run), so each operation's changes then happen at one instant and need no lock of their own.
     */
    long charge() {
        host.charge(OP_CYCLES);
        return host.realtime();
    }
}
