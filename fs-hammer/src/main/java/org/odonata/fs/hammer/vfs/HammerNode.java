package org.odonata.fs.hammer.vfs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import org.odonata.api.fs.DirRecord;
import org.odonata.api.fs.FsException;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.NewNode;
import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.fs.VattrChange;
import org.odonata.api.vfs.Errno;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.fs.DirEntry;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.object.InodeData;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.object.PseudoFsData;
import org.odonata.fs.hammer.object.RecordType;

/**
 * A HAMMER inode as the VFS sees it ({@code hammer_vnops.c}): its object id is the inode number, the VOPs call
 * {@link org.odonata.fs.hammer.fs.HammerFs} by object id under the mount's token and lock and charge the path
 * lengths in {@link Costs}. Directory cookies are HAMMER's directory keys (the name's namekey in the directory's
 * hash, or the next key free above it when names collide: {@link HammerFs#directory}), so a listing resumes where it
 * stopped whatever was added or removed in between, as {@code hammer_vop_readdir} does. A symbolic link's target
 * is its data. Names must be UTF-8 (the model's HAMMER names are strings): others are EINVAL.
 * <p>
 * A node may be a view as of a TID ({@code name@@0x<tid>}, {@code @@0x<tid>:<pfs>}, a slave PFS as of its
 * {@code sync_end_tid}): read-only (EROFS, as HAMMER_INODE_RO), its inode number for the VFS one of the mount's
 * view keys ({@link HammerMount#viewKey}) so it is a vnode of its own beside the current one.
 */
final class HammerNode implements FsNode {

    private final HammerMount mp;
    private final long objId;
    /** {@link BTree#AS_OF_NOW}, or the TID this read-only view is as of. */
    private final long asOf;
    private final long key;
    private final VType type;
    /** The attributes last seen, for a node the VFS still holds after HAMMER removed it. */
    private InodeData last;

    HammerNode(HammerMount mp, long objId, long asOf, long key, InodeData data) {
        if (data == null) {
            throw new FsException(Errno.ENOENT, "object " + objId + " has no inode");
        }
        this.mp = mp;
        this.objId = objId;
        this.asOf = asOf;
        this.key = key;
        this.type = vtype(data.objType());
        this.last = data;
    }

    @Override
    public long ino() {
        return key;
    }

    /** The HAMMER object (inode number) this node shows. */
    long objId() {
        return objId;
    }

    private boolean historical() {
        return asOf != BTree.AS_OF_NOW;
    }

    private void writable() {
        if (historical()) {
            throw new FsException(Errno.EROFS, "a view as of " + String.format("0x%016x", asOf) + " is read-only");
        }
    }

    /**
     * {@code hammer_ioctl}: the PFS requests ({@link HammerIoctl}), under the mount as every VOP, but for
     * HAMMERIOC_WAI_PSEUDOFS, which sleeps ({@link HammerMount#waitPseudofs}). A request that may have changed a
     * PFS's configuration (all but GET and MIRROR_READ) wakes its waiters, as hammer_ioc_set_pseudofs does.
     */
    @Override
    public Map<String, String> ioctl(String request, Map<String, String> args) {
        mp.charge(Costs.ATTR);
        int pfs = HammerIoctl.pfsId(args.get("pfs_id"), HammerFs.pfsOf(objId));
        if (request.equals(HammerIoctl.WAIT)) {
            return mp.waitPseudofs(pfs, args);
        }
        Map<String, String> out = mp.call(() -> HammerIoctl.run(mp.fs, HammerFs.pfsOf(objId), request, args));
        if (!request.equals(HammerIoctl.GET) && !request.equals(HammerIoctl.MIRROR_READ)) {
            mp.pseudofsChanged(pfs);
        }
        return out;
    }

    @Override
    public VType type() {
        return type;
    }

    @Override
    public Vattr getattr() {
        mp.charge(Costs.ATTR);
        InodeData d = mp.call(() -> mp.fs.attributes(objId, asOf));
        long nlink;
        if (d == null) {
            d = last;
            nlink = 0;
        } else {
            last = d;
            nlink = d.nlinks();
        }
        long size = type == VType.VLNK && !historical() ? mp.call(() -> (long) target().length) : d.size();
        long bytes = (size + 511) / 512 * 512;
        return new Vattr(type, d.mode() & 07777, nlink, d.uid(), d.gid(), size, bytes, objId, d.rdev(),
                d.atime(), d.mtime(), d.ctime());
    }

    @Override
    public void setattr(VattrChange c) {
        writable();
        mp.charge(Costs.ATTR);
        if (c.size() != null) {
            if (type == VType.VDIR) {
                throw new FsException(Errno.EISDIR);
            }
            if (type != VType.VREG) {
                throw new FsException(Errno.EINVAL);
            }
            mp.run(() -> mp.fs.truncate(objId, c.size()));
        }
        if (c.mode() != null || c.uid() != null || c.gid() != null || c.atime() != null || c.mtime() != null) {
            mp.run(() -> mp.fs.setAttributes(objId, c.mode() == null ? null : c.mode() & 07777, c.uid(), c.gid(),
                    c.atime(), c.mtime()));
        }
    }

    @Override
    public int read(long offset, byte[] dst, int off, int len) {
        if (type != VType.VREG) {
            throw new FsException(type == VType.VDIR ? Errno.EISDIR : Errno.EINVAL);
        }
        mp.charge(Costs.RDWR);
        byte[] data = mp.call(() -> mp.fs.read(objId, asOf, offset, len));
        System.arraycopy(data, 0, dst, off, data.length);
        return data.length;
    }

    @Override
    public int write(long offset, byte[] src, int off, int len) {
        if (type != VType.VREG) {
            throw new FsException(type == VType.VDIR ? Errno.EISDIR : Errno.EINVAL);
        }
        writable();
        mp.charge(Costs.RDWR);
        byte[] data = Arrays.copyOfRange(src, off, off + len);
        mp.run(() -> mp.fs.write(objId, offset, data));
        return len;
    }

    @Override
    public void fsync(boolean dataOnly) {
        if (!historical()) {
            mp.run(() -> mp.fs.fsync(objId));
        }
    }

    @Override
    public byte[] readlink() {
        if (type != VType.VLNK) {
            throw new FsException(Errno.EINVAL);
        }
        mp.charge(Costs.RDWR);
        return mp.call(this::target);
    }

    /**
     * A link's target; a current {@code @@PFS%05d} link in PFS 0 reads as {@code @@-1:%05d} for a master and
     * {@code @@0x<sync_end_tid>:%05d} for a slave (hammer_vop_readlink), or as written when the PFS is gone.
     */
    private byte[] target() {
        byte[] raw = mp.fs.read(objId, asOf, 0, (int) mp.fs.attributes(objId, asOf).size());
        String s = new String(raw, StandardCharsets.UTF_8);
        if (historical() || HammerFs.pfsOf(objId) != 0 || raw.length != 10 || !s.matches("@@PFS[0-9]{5}")) {
            return raw;
        }
        int pfs = Integer.parseInt(s.substring(5));
        try {
            PseudoFsData d = mp.fs.pseudofs(pfs);
            String tid = d.slave() ? String.format("0x%016x", d.syncEndTid()) : "-1";
            return String.format("@@%s:%05d", tid, pfs).getBytes(StandardCharsets.UTF_8);
        } catch (HammerException gone) {
            return raw;
        }
    }

    @Override
    public List<DirRecord> readdir(long cookie, int max) {
        dirOnly();
        NavigableMap<Long, DirEntry> entries = mp.call(() -> mp.fs.directory(objId, asOf));
        List<DirRecord> out = new ArrayList<>();
        for (Map.Entry<Long, DirEntry> e : entries.tailMap(cookie, true).entrySet()) {
            if (out.size() == max) {
                break;
            }
            DirEntry d = e.getValue();
            out.add(new DirRecord(d.name().getBytes(StandardCharsets.UTF_8), d.objId(), vtype(d.objType()),
                    e.getKey() + 1));
        }
        mp.charge(Costs.DIRENT * (out.size() + 1));
        return out;
    }

    @Override
    public FsNode nresolve(byte[] name) {
        dirOnly();
        mp.charge(Costs.LOOKUP);
        String n = name(name);
        int at = n.indexOf("@@");
        if (at >= 0) {
            return mp.call(() -> resolveAsOf(n.substring(0, at), n.substring(at + 2)));
        }
        return mp.call(() -> {
            long id = mp.fs.lookup(objId, n, asOf);
            return id == 0 ? null : mp.node(id, asOf, mp.fs.attributes(id, asOf));
        });
    }

    /**
     * hammer_vop_nresolve with hammer_str_to_tid: {@code name@@<tid>} is the name as of a TID, {@code @@<tid>} alone
     * this directory as of it, and {@code @@<tid>:<pfs>} alone the root of that PFS ({@code -1}: now, or a slave's
     * {@code sync_end_tid}). The result is read-only unless it is now.
     */
    private FsNode resolveAsOf(String base, String suffix) {
        int colon = suffix.indexOf(':');
        long tid;
        int pfs;
        try {
            tid = HammerFs.parseTid(colon < 0 ? suffix : suffix.substring(0, colon));
            pfs = colon < 0 ? -1 : HammerFs.parsePfs(suffix.substring(colon + 1));
        } catch (HammerException notATid) {
            // hammer_str_to_tid failed: the name is looked up as written (and no name holds "@@")
            long id = mp.fs.lookup(objId, base + "@@" + suffix, asOf);
            return id == 0 ? null : mp.node(id, asOf, mp.fs.attributes(id, asOf));
        }
        if (base.isEmpty() && pfs >= 0) {
            long view = mp.fs.pfsRootAsOf(pfs, tid);
            long root = Localization.root(pfs);
            return mp.node(root, view, mp.fs.attributes(root, view));
        }
        long id = base.isEmpty() ? objId : mp.fs.lookup(objId, base, tid);
        InodeData d = id == 0 ? null : mp.fs.attributes(id, tid);
        return d == null ? null : mp.node(id, tid, d);
    }

    @Override
    public FsNode nlookupdotdot() {
        dirOnly();
        mp.charge(Costs.LOOKUP);
        return mp.call(() -> {
            InodeData d = mp.fs.attributes(objId, asOf);
            long parent = d == null ? RecordType.ROOT_OBJID : d.parentObjId();
            if (parent == objId && HammerFs.pfsOf(objId) != 0) {
                // a PFS root's parent: the root of the filesystem its softlink lives in (simplification)
                return mp.node(RecordType.ROOT_OBJID, BTree.AS_OF_NOW, mp.fs.attributes(RecordType.ROOT_OBJID));
            }
            return mp.node(parent, asOf, mp.fs.attributes(parent, asOf));
        });
    }

    @Override
    public FsNode ncreate(byte[] name, NewNode attrs) {
        return create(name, attrs, objType(attrs.type()));
    }

    @Override
    public FsNode nmkdir(byte[] name, NewNode attrs) {
        return create(name, attrs, RecordType.OBJ_DIRECTORY);
    }

    @Override
    public FsNode nsymlink(byte[] name, NewNode attrs, byte[] target) {
        dirOnly();
        writable();
        mp.charge(Costs.CREATE);
        String n = name(name);
        return mp.call(() -> {
            long id = mp.fs.create(objId, n, RecordType.OBJ_SOFTLINK, attrs.mode(), attrs.uid(), attrs.gid(), 0);
            mp.fs.write(id, 0, target);
            return mp.node(id, BTree.AS_OF_NOW, mp.fs.attributes(id));
        });
    }

    @Override
    public void nlink(byte[] name, FsNode target) {
        dirOnly();
        writable();
        mp.charge(Costs.NAMESPACE);
        String n = name(name);
        HammerNode t = (HammerNode) target;
        t.writable();
        long id = t.objId;
        mp.run(() -> mp.fs.link(id, objId, n));
    }

    @Override
    public void nremove(byte[] name) {
        dirOnly();
        writable();
        mp.charge(Costs.NAMESPACE);
        String n = name(name);
        mp.run(() -> mp.fs.unlink(objId, n));
    }

    @Override
    public void nrmdir(byte[] name) {
        dirOnly();
        writable();
        mp.charge(Costs.NAMESPACE);
        String n = name(name);
        mp.run(() -> mp.fs.rmdir(objId, n));
    }

    @Override
    public void nrename(byte[] name, FsNode toDir, byte[] toName) {
        dirOnly();
        writable();
        HammerNode to2 = (HammerNode) toDir;
        to2.writable();
        mp.charge(Costs.NAMESPACE);
        String from = name(name);
        String to = name(toName);
        long toDirId = to2.objId;
        mp.run(() -> mp.fs.rename(objId, from, toDirId, to));
    }

    /** {@code hammer_vop_inactive}: an unlinked file's data goes with its last reference. */
    @Override
    public void inactive() {
        if (type != VType.VDIR && !historical()) {
            mp.run(() -> mp.fs.inactive(objId));
        }
    }

    private FsNode create(byte[] name, NewNode attrs, int objType) {
        dirOnly();
        writable();
        mp.charge(Costs.CREATE);
        String n = name(name);
        return mp.call(() -> {
            long id = mp.fs.create(objId, n, objType, attrs.mode(), attrs.uid(), attrs.gid(), attrs.rdev());
            return mp.node(id, BTree.AS_OF_NOW, mp.fs.attributes(id));
        });
    }

    private void dirOnly() {
        if (type != VType.VDIR) {
            throw new FsException(Errno.ENOTDIR);
        }
    }

    /** A name as HAMMER stores it: UTF-8, strictly. */
    private static String name(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FsException(Errno.EINVAL, "HAMMER names are UTF-8");
        }
    }

    static VType vtype(int objType) {
        return switch (objType) {
            case RecordType.OBJ_DIRECTORY -> VType.VDIR;
            case RecordType.OBJ_REGFILE -> VType.VREG;
            case RecordType.OBJ_SOFTLINK -> VType.VLNK;
            case RecordType.OBJ_FIFO -> VType.VFIFO;
            case RecordType.OBJ_CDEV -> VType.VCHR;
            case RecordType.OBJ_BDEV -> VType.VBLK;
            case RecordType.OBJ_SOCKET -> VType.VSOCK;
            default -> throw new FsException(Errno.EIO, "object type " + objType);
        };
    }

    static int objType(VType type) {
        return switch (type) {
            case VDIR -> RecordType.OBJ_DIRECTORY;
            case VREG -> RecordType.OBJ_REGFILE;
            case VLNK -> RecordType.OBJ_SOFTLINK;
            case VFIFO -> RecordType.OBJ_FIFO;
            case VCHR -> RecordType.OBJ_CDEV;
            case VBLK -> RecordType.OBJ_BDEV;
            case VSOCK -> RecordType.OBJ_SOCKET;
        };
    }
}
