package org.odonata.fs.hammer.vfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.odonata.api.fs.FsException;
import org.odonata.api.vfs.Errno;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.mirror.MirrorRead;
import org.odonata.fs.hammer.mirror.MirrorStream;
import org.odonata.fs.hammer.mirror.MirrorStreamException;
import org.odonata.fs.hammer.mirror.MirrorWrite;
import org.odonata.fs.hammer.object.PseudoFsData;

/**
 * HAMMER's PFS ioctls ({@code hammer_ioctl.c} dispatching to {@code hammer_pfs.c}) as named requests with named
 * fields, the model's {@code struct hammer_ioc_pseudofs_rw}. Every request takes {@code pfs_id}: a PFS id, or
 * {@code -1} (or absent) for the PFS of the file it is issued on (hammer_pfs_autodetect). GET and SET answer with the
 * PFS's fields ({@link #fields}); SET makes the PFS when it does not exist ({@code mode=master|slave},
 * {@code shared_uuid} for a slave) or else changes {@code mode}, {@code sync_end_tid}, {@code shared_uuid} and
 * {@code label} as given. HAMMERIOC_MIRROR_READ and HAMMERIOC_MIRROR_WRITE carry a mirror stream.
 * HAMMERIOC_WAI_PSEUDOFS sleeps in the kernel, so {@link HammerMount#waitPseudofs} runs it outside the mount's lock.
 */
final class HammerIoctl {

    static final String GET = "HAMMERIOC_GET_PSEUDOFS";
    static final String SET = "HAMMERIOC_SET_PSEUDOFS";
    static final String UPGRADE = "HAMMERIOC_UPG_PSEUDOFS";
    static final String DOWNGRADE = "HAMMERIOC_DGD_PSEUDOFS";
    static final String DESTROY = "HAMMERIOC_RMR_PSEUDOFS";
    static final String MIRROR_READ = "HAMMERIOC_MIRROR_READ";
    static final String MIRROR_WRITE = "HAMMERIOC_MIRROR_WRITE";
    static final String WAIT = "HAMMERIOC_WAI_PSEUDOFS";

    private HammerIoctl() {
    }

    /** Runs a request for a file of PFS {@code ownPfs}; the caller holds the mount as a VOP does. */
    static Map<String, String> run(HammerFs fs, int ownPfs, String request, Map<String, String> args) {
        int pfs = pfsId(args.get("pfs_id"), ownPfs);
        switch (request) {
            case GET -> {
                return fields(pfs, fs.pseudofs(pfs));
            }
            case SET -> {
                set(fs, pfs, args);
                return fields(pfs, fs.pseudofs(pfs));
            }
            case UPGRADE -> fs.upgradePseudofs(pfs);
            case DOWNGRADE -> fs.downgradePseudofs(pfs);
            case DESTROY -> {
                Map<String, String> out = new LinkedHashMap<>();
                out.put("pfs_id", Integer.toString(pfs));
                out.put("records_removed", Integer.toString(fs.destroyPseudofs(pfs)));
                return out;
            }
            case MIRROR_READ -> {
                return mirrorRead(fs, pfs, args);
            }
            case MIRROR_WRITE -> {
                return mirrorWrite(fs, pfs, args);
            }
            default -> throw new FsException(Errno.ENOTTY, "HAMMER has no request " + request);
        }
        return fields(pfs, fs.pseudofs(pfs));
    }

    private static void set(HammerFs fs, int pfs, Map<String, String> args) {
        String mode = args.get("mode");
        if (mode != null && !mode.equals("master") && !mode.equals("slave")) {
            throw new FsException(Errno.EINVAL, "mode must be master or slave, not '" + mode + "'");
        }
        UUID shared = args.containsKey("shared_uuid") ? uuid(args.get("shared_uuid")) : null;
        boolean exists = fs.pseudofsList().containsKey(pfs);
        if (!exists) {
            fs.createPseudofs(pfs, "slave".equals(mode), shared);
            return;
        }
        PseudoFsData d = fs.pseudofs(pfs);
        if (mode != null) {
            d = d.withFlags(mode.equals("slave") ? d.mirrorFlags() | PseudoFsData.SLAVE
                    : d.mirrorFlags() & ~PseudoFsData.SLAVE);
        }
        if (args.containsKey("sync_end_tid")) {
            d = d.withSyncEndTid(HammerFs.parseTid(args.get("sync_end_tid")));
        }
        if (shared != null || args.containsKey("label")) {
            String label = args.getOrDefault("label", d.label());
            if (label.getBytes(StandardCharsets.UTF_8).length > PseudoFsData.LABEL_MAX) {
                throw new FsException(Errno.EINVAL, "a PFS label has at most " + PseudoFsData.LABEL_MAX + " bytes");
            }
            d = new PseudoFsData(d.syncBegTid(), d.syncEndTid(), d.syncBegTs(), d.syncEndTs(),
                    shared != null ? shared : d.sharedUuid(), d.uniqueUuid(), d.mirrorFlags(),
                    label);
        }
        fs.setPseudofs(pfs, d);
    }

    /**
     * hammer_ioc_mirror_read: {@code since} (a TID, default 0 = everything) in, the whole {@link MirrorStream} out as
     * {@code stream} (base64) with what it holds. Simplification: DragonFly's ioctl fills a user buffer and returns
     * key_cur to resume from; the model's named fields carry the whole stream in one call.
     */
    private static Map<String, String> mirrorRead(HammerFs fs, int pfs, Map<String, String> args) {
        long since = args.containsKey("since") ? tid(args.get("since")) : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MirrorRead.Report r = fs.mirrorRead(pfs, since, out);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("pfs_id", Integer.toString(pfs));
        f.put("tid_beg", hex(r.tidBeg()));
        f.put("tid_end", hex(r.tidEnd()));
        f.put("recs", Long.toString(r.recs()));
        f.put("passes", Long.toString(r.passes()));
        f.put("skips", Long.toString(r.skips()));
        f.put("nodes", Integer.toString(r.nodesEntered()));
        f.put("bytes", Long.toString(r.bytes()));
        f.put("stream", Base64.getEncoder().encodeToString(out.toByteArray()));
        return f;
    }

    /**
     * hammer_ioc_mirror_write: {@code stream} (base64) in. A stream the checks refuse is not an ioctl failure but a
     * result naming it, {@code error} and {@code error_offset}, as DragonFly reports a mirror error in the request
     * (HAMMER_IOC_HEAD_ERROR) so the program can say what went wrong.
     */
    private static Map<String, String> mirrorWrite(HammerFs fs, int pfs, Map<String, String> args) {
        byte[] stream;
        try {
            stream = Base64.getDecoder().decode(args.getOrDefault("stream", ""));
        } catch (IllegalArgumentException e) {
            throw new FsException(Errno.EINVAL, "stream is not base64: " + e.getMessage());
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("pfs_id", Integer.toString(pfs));
        try {
            MirrorWrite.Report r = fs.mirrorWrite(pfs, stream);
            f.put("created", Long.toString(r.created()));
            f.put("delete_tids_set", Long.toString(r.deleteTidsSet()));
            f.put("gaps_deleted", Long.toString(r.gapsDeleted()));
            f.put("groups", Integer.toString(r.groups()));
        } catch (MirrorStreamException e) {
            f.put("error", e.getMessage());
            f.put("error_offset", Long.toString(e.offset()));
        }
        f.put("sync_end_tid", hex(fs.pseudofs(pfs).syncEndTid()));
        return f;
    }

    static long tid(String s) {
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new FsException(Errno.EINVAL, "'" + s + "' is not a TID (0x<hex> or a decimal number)");
        }
    }

    private static String hex(long tid) {
        return String.format("0x%016x", tid);
    }

    /** The fields GET and SET answer with, in hammer pfs-status's order (dump_pfsd). */
    static Map<String, String> fields(int pfs, PseudoFsData d) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("pfs_id", Integer.toString(pfs));
        out.put("sync_beg_tid", hex(d.syncBegTid()));
        out.put("sync_end_tid", hex(d.syncEndTid()));
        out.put("shared_uuid", d.sharedUuid().toString());
        out.put("unique_uuid", d.uniqueUuid().toString());
        out.put("label", d.label());
        out.put("mode", d.slave() ? "slave" : "master");
        out.put("mirror_flags", String.format("0x%08x", d.mirrorFlags()));
        return out;
    }

    static int pfsId(String s, int ownPfs) {
        if (s == null || s.equals("-1")) {
            return ownPfs;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new FsException(Errno.EINVAL, "pfs_id must be a number, not '" + s + "'");
        }
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new FsException(Errno.EINVAL, "'" + s + "' is not a UUID (8-4-4-4-12 hex digits)");
        }
    }
}
