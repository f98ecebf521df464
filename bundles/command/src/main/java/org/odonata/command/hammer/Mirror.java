package org.odonata.command.hammer;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.SysResult;

/**
 * sbin/hammer/cmd_mirror.c's kernel calls, each inside a simulated process: HAMMERIOC_MIRROR_READ of a PFS's changes,
 * HAMMERIOC_MIRROR_WRITE of a stream into a slave and HAMMERIOC_WAI_PSEUDOFS for the master's next flush, with the
 * lines {@code hammer mirror-*} prints about them.
 */
public final class Mirror {

    private Mirror() {
    }

    /** The PFS's changes after {@code since} (null: all of it): the ioctl's fields, the stream base64 in "stream". */
    public static Map<String, String> read(Syscalls sys, String path, String since, String what) {
        Pfs p = Pfs.get(sys, path, what);
        try {
            if (p.id() == 0) {
                throw new IllegalArgumentException(what + ": PFS #0 cannot be mirrored in this model (its obj_ids are"
                        + " full TIDs); mirror a PFS made with hammer:pfs-master");
            }
            Map<String, String> req = new LinkedHashMap<>();
            req.put("pfs_id", Integer.toString(p.id()));
            if (since != null) {
                req.put("since", since);
            }
            return request(sys, p.fd(), what, "HAMMERIOC_MIRROR_READ", req);
        } finally {
            sys.close(p.fd());
        }
    }

    /**
     * Applies {@code stream} to the slave at {@code path}: the ioctl's fields plus {@code old_sync_end_tid}; a stream
     * the kernel refuses fails naming why, the slave unchanged.
     */
    public static Map<String, String> write(Syscalls sys, String path, byte[] stream, String what) {
        Pfs p = Pfs.get(sys, path, what);
        try {
            if (!p.fields().get("mode").equals("slave")) {
                throw new IllegalArgumentException(what + ": PFS #" + p.id() + " is a master; the target of a mirror"
                        + " must be a slave (hammer:pfs-slave, or hammer:pfs-downgrade)");
            }
            Map<String, String> req = new LinkedHashMap<>();
            req.put("pfs_id", Integer.toString(p.id()));
            req.put("stream", Base64.getEncoder().encodeToString(stream));
            Map<String, String> r = request(sys, p.fd(), what, "HAMMERIOC_MIRROR_WRITE", req);
            if (r.containsKey("error")) {
                throw new IllegalArgumentException(what + ": " + r.get("error") + "; PFS #" + p.id()
                        + " is unchanged (sync_end_tid " + r.get("sync_end_tid") + ")");
            }
            r.put("old_sync_end_tid", p.fields().get("sync_end_tid"));
            return r;
        } finally {
            sys.close(p.fd());
        }
    }

    /**
     * HAMMERIOC_WAI_PSEUDOFS, as hammer_cmd_mirror_read calls it between batches: sleeps until the PFS's
     * {@code sync_end_tid} (a master's last committed flush) passes {@code tid}, or for at most {@code timeout} ns of
     * virtual time (0: no limit); returns its {@code sync_end_tid} then, {@code tid} or less if nothing moved.
     */
    public static long waitPast(Syscalls sys, String path, long tid, long timeout, String what) {
        Pfs p = Pfs.get(sys, path, what);
        try {
            Map<String, String> req = new LinkedHashMap<>();
            req.put("pfs_id", Integer.toString(p.id()));
            req.put("sync_end_tid", hex(tid));
            req.put("timeout", Long.toString(timeout));
            return tid(request(sys, p.fd(), what, "HAMMERIOC_WAI_PSEUDOFS", req).get("sync_end_tid"));
        } finally {
            sys.close(p.fd());
        }
    }

    /** What a write did, from the slave's fields before it. */
    public static String written(Map<String, String> before, Map<String, String> r) {
        return "wrote PFS #" + r.get("pfs_id") + ": " + r.get("created") + " records created, "
                + r.get("delete_tids_set") + " deletions, " + r.get("gaps_deleted") + " gone from the master deleted;"
                + " sync_end_tid " + before.get("sync_end_tid") + " -> " + r.get("sync_end_tid");
    }

    /** What a read found. */
    public static String summary(Map<String, String> r) {
        return "changes " + r.get("tid_beg") + ".." + r.get("tid_end") + ": " + r.get("recs") + " REC, "
                + r.get("passes") + " PASS, " + r.get("skips") + " SKIP (" + r.get("nodes") + " B-tree nodes read)";
    }

    /** A TID as the ioctls print it. */
    public static String hex(long tid) {
        return String.format("0x%016x", tid);
    }

    /** A TID the ioctls printed. */
    public static long tid(String hex) {
        return Long.parseUnsignedLong(hex.substring(2), 16);
    }

    private static Map<String, String> request(Syscalls sys, int fd, String what, String request,
            Map<String, String> args) {
        SysResult<Map<String, String>> r = sys.ioctl(fd, request, args);
        if (r.ok()) {
            return r.value();
        }
        throw new IllegalArgumentException(what + ": " + switch (r.errno()) {
            case ENOTTY -> "not on a HAMMER filesystem (ENOTTY)";
            case EINVAL -> "refused (EINVAL): --since must be a TID (0x<hex>) no later than the PFS's sync_end_tid";
            default -> r.errno().toString();
        });
    }
}
