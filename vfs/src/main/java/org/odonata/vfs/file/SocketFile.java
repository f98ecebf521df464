package org.odonata.vfs.file;

import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.vfs.vnode.Vnode;
import org.odonata.vfs.vnode.VnodeTable;

/**
 * A UNIX-domain socket as an open file ({@code socketops} over a {@code struct unpcb}): what {@code bind} needs, a
 * type and the vnode of the socket file it is bound to ({@code unp_vnode}, referenced until the socket is closed, as
 * {@code unp_detach} releases it). Simplification: no connections, so nothing is sent or received — a read or write
 * is ENOTCONN, as on an unconnected stream socket.
 */
public final class SocketFile extends OpenFile {

    private final VnodeTable vnodes;
    private final int type;
    private final long ino;
    private Vnode vp;

    public SocketFile(VnodeTable vnodes, int type, int flags, long ino) {
        super(Fcntl.O_RDWR | flags);
        this.vnodes = vnodes;
        this.type = type;
        this.ino = ino;
    }

    /** {@code SOCK_STREAM}, {@code SOCK_DGRAM} or {@code SOCK_SEQPACKET}. */
    public int type() {
        return type;
    }

    /** The socket file it is bound to, or null. */
    public Vnode vnode() {
        return vp;
    }

    /**
     * {@code unp_bind}'s end: the new VSOCK vnode becomes the socket's ({@code unp_vnode}, referenced) and the
     * vnode's socket ({@code v_socket}).
     */
    public void bound(Vnode socketFile) {
        vnodes.vref(socketFile);
        socketFile.socket = this;
        vp = socketFile;
    }

    @Override
    public int read(byte[] buf, int off, int len, long pos) {
        return pos >= 0 ? Errno.ESPIPE.negated() : Errno.ENOTCONN.negated();
    }

    @Override
    public int write(byte[] buf, int off, int len, long pos) {
        return pos >= 0 ? Errno.ESPIPE.negated() : Errno.ENOTCONN.negated();
    }

    /** {@code soo_stat}: a socket, mode 0777 as Linux's socket inodes have. */
    @Override
    public SysResult<FileStat> stat() {
        return SysResult.ok(new FileStat(0, ino, Fcntl.S_IFSOCK | 0777, 1, 0, 0, 0, 0, 4096, 0, 0, 0, 0));
    }

    /** {@code unp_detach}: the socket file stays in the namespace, no longer naming a socket. */
    @Override
    public void close() {
        if (vp != null) {
            vp.socket = null;
            vnodes.vrele(vp);
            vp = null;
        }
    }
}
