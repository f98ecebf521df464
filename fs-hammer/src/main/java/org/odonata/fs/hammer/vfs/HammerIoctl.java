package org.odonata.fs.hammer.vfs;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.odonata.api.fs.FsException;
import org.odonata.api.vfs.Errno;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.object.PseudoFsData;

/**
 * HAMMER's PFS ioctls ({@code hammer_ioctl.c} dispatching to {@code hammer_pfs.c}) as named requests with named
 * fields, the model's {@code struct hammer_ioc_pseudofs_rw}. Every request takes {@code pfs_id}: a PFS id, or
 * {@code -1} (or absent) for the PFS of the file it is issued on (hammer_pfs_autodetect). GET and SET answer with the
 * PFS's fields ({@link #fields}); SET makes the PFS when it does not exist ({@code mode=master|slave},
 * {@code shared_uuid} for a slave) or else changes {@code mode}, {@code sync_end_tid}, {@code shared_uuid} and
 * {@code label} as given.
 */
final class HammerIoctl {

    static final String GET = "HAMMERIOC_GET_PSEUDOFS";
    static final String SET = "HAMMERIOC_SET_PSEUDOFS";
    static final String UPGRADE = "HAMMERIOC_UPG_PSEUDOFS";
    static final String DOWNGRADE = "HAMMERIOC_DGD_PSEUDOFS";
    static final String DESTROY = "HAMMERIOC_RMR_PSEUDOFS";

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

    /** The fields GET and SET answer with, in hammer pfs-status's order (dump_pfsd). */
    static Map<String, String> fields(int pfs, PseudoFsData d) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("pfs_id", Integer.toString(pfs));
        out.put("sync_beg_tid", String.format("0x%016x", d.syncBegTid()));
        out.put("sync_end_tid", String.format("0x%016x", d.syncEndTid()));
        out.put("shared_uuid", d.sharedUuid().toString());
        out.put("unique_uuid", d.uniqueUuid().toString());
        out.put("label", d.label());
        out.put("mode", d.slave() ? "slave" : "master");
        out.put("mirror_flags", String.format("0x%08x", d.mirrorFlags()));
        return out;
    }

    private static int pfsId(String s, int ownPfs) {
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
