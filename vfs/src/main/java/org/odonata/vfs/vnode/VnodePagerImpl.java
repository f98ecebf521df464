package org.odonata.vfs.vnode;

import java.util.Arrays;

import org.odonata.api.fs.FsException;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vm.VnodeObject;
import org.odonata.api.vm.VnodePager;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.host.Host;

/**
 * The vnode side of DragonFly's vnode pager ({@code sys/vm/vnode_pager.c}) for one regular file: page reads and
 * writes go through the filesystem's {@code VOP_READ}/{@code VOP_WRITE} under the vnode lock
 * ({@code vnode_pager_generic_getpages}/{@code _putpages}), so a page-in costs whatever the filesystem's read costs
 * (HAMMER's through the buffer cache and the disk). It holds the vnode's VM object ({@code v_object}), created by
 * the VM at the first mapping and kept for the vnode's life.
 */
public final class VnodePagerImpl implements VnodePager {

    private final Vnode vp;
    private final VnodeTable vnodes;
    private final Host host;
    private VnodeObject object;

    VnodePagerImpl(Vnode vp, VnodeTable vnodes, Host host) {
        this.vp = vp;
        this.vnodes = vnodes;
        this.host = host;
    }

    @Override
    public long size() {
        vnodes.lockShared(vp);
        try {
            host.charge(Costs.VOP);
            return vp.node.getattr().size();
        } finally {
            vnodes.unlock(vp);
        }
    }

    @Override
    public int getpage(long offset, byte[] page) {
        vnodes.lockShared(vp);
        try {
            host.charge(Costs.VOP);
            int n = 0;
            while (n < page.length) {
                int r = vp.node.read(offset + n, page, n, page.length - n);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
            Arrays.fill(page, n, page.length, (byte) 0);
            return n;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vnodes.unlock(vp);
        }
    }

    @Override
    public int putpage(long offset, byte[] page, int len) {
        if (vp.mount.readOnly) {
            return Errno.EROFS.negated();
        }
        vnodes.lockExclusive(vp);
        try {
            host.charge(Costs.VOP);
            int n = 0;
            while (n < len) {
                int w = vp.node.write(offset + n, page, n, len - n);
                if (w <= 0) {
                    return Errno.ENOSPC.negated();
                }
                n += w;
            }
            return 0;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vnodes.unlock(vp);
        }
    }

    @Override
    public int fsync() {
        vnodes.lockExclusive(vp);
        try {
            host.charge(Costs.VOP);
            vp.node.fsync(true);
            return 0;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vnodes.unlock(vp);
        }
    }

    @Override
    public VnodeObject object() {
        return object;
    }

    @Override
    public void setObject(VnodeObject object) {
        this.object = object;
    }

    @Override
    public void vref() {
        vnodes.vref(vp);
    }

    @Override
    public void vrele() {
        vnodes.vrele(vp);
    }

    @Override
    public String name() {
        return "vnode " + vp.mount.id + ":" + vp.ino;
    }
}
