package org.odonata.fs.hammer.object;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/**
 * A PFS's configuration, {@code struct hammer_pseudofs_data} (hammer_disk.h): the mirroring window
 * [{@code syncBegTid}, {@code syncEndTid}], the shared UUID every mirror of one PFS carries and the unique UUID of
 * this copy, the mirror flags (SLAVE, DELETED) and a label. Stored as a PFS record (rec_type 0x15) of PFS 0's root
 * inode keyed by the PFS's localization (hammer_save_pseudofs), {@value #SIZE} bytes of data in DragonFly's field
 * order. A slave is read-only and viewed as of {@code syncEndTid}, which mirror-write advances; a master's
 * {@code syncEndTid} is the last committed flush TID (hammer_ioc_get_pseudofs), so a mirror-read can start there.
 */
public record PseudoFsData(long syncBegTid, long syncEndTid, long syncBegTs, long syncEndTs, UUID sharedUuid,
        UUID uniqueUuid, int mirrorFlags, String label) {

    /** HAMMER_PFSD_SLAVE. */
    public static final int SLAVE = 0x00000001;
    /** HAMMER_PFSD_DELETED: destroyed; the id may be reused. */
    public static final int DELETED = 0x80000000;
    public static final int LABEL_MAX = 63;
    static final int SIZE = 208;

    public PseudoFsData {
        if (label.getBytes(StandardCharsets.UTF_8).length > LABEL_MAX) {
            throw new IllegalArgumentException("PFS label longer than " + LABEL_MAX + " bytes: " + label);
        }
    }

    /**
     * A new PFS as {@code hammer pfs-master}/{@code pfs-slave} makes it (init_pfsd: sync TIDs 1): the UUIDs are
     * derived from {@code seed} (the volume's identity and the creating TID), never from an unseeded random source;
     * a slave takes the shared UUID of the master it will mirror.
     */
    public static PseudoFsData create(String seed, int pfs, boolean slave, UUID sharedUuid) {
        UUID unique = UUID.nameUUIDFromBytes((seed + " pfs " + pfs + " unique").getBytes(StandardCharsets.UTF_8));
        UUID shared = sharedUuid != null ? sharedUuid
                : UUID.nameUUIDFromBytes((seed + " pfs " + pfs + " shared").getBytes(StandardCharsets.UTF_8));
        return new PseudoFsData(1, 1, 0, 0, shared, unique, slave ? SLAVE : 0, "");
    }

    /** The configuration PFS 0 has without a record: a master (DragonFly's hammer_load_pseudofs default). */
    public static PseudoFsData root() {
        return new PseudoFsData(1, 1, 0, 0, new UUID(0, 0), new UUID(0, 0), 0, "");
    }

    public boolean slave() {
        return (mirrorFlags & SLAVE) != 0;
    }

    public boolean deleted() {
        return (mirrorFlags & DELETED) != 0;
    }

    public PseudoFsData withFlags(int flags) {
        return new PseudoFsData(syncBegTid, syncEndTid, syncBegTs, syncEndTs, sharedUuid, uniqueUuid, flags, label);
    }

    public PseudoFsData withSyncEndTid(long tid) {
        return new PseudoFsData(syncBegTid, tid, syncBegTs, syncEndTs, sharedUuid, uniqueUuid, mirrorFlags, label);
    }

    byte[] encode() {
        byte[] b = new byte[SIZE];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(0, syncBegTid).putLong(8, syncEndTid).putLong(16, syncBegTs).putLong(24, syncEndTs);
        buf.putLong(32, sharedUuid.getMostSignificantBits()).putLong(40, sharedUuid.getLeastSignificantBits());
        buf.putLong(48, uniqueUuid.getMostSignificantBits()).putLong(56, uniqueUuid.getLeastSignificantBits());
        buf.putInt(68, mirrorFlags).put(72, label.getBytes(StandardCharsets.UTF_8));
        return b;
    }

    static PseudoFsData decode(byte[] b, long dataOffset) {
        if (b.length != SIZE) {
            throw new HammerCorruptionException("PFS data", dataOffset, "length " + b.length + ", not " + SIZE);
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int len = 0;
        while (len < LABEL_MAX && b[72 + len] != 0) {
            len++;
        }
        return new PseudoFsData(buf.getLong(0), buf.getLong(8), buf.getLong(16), buf.getLong(24),
                new UUID(buf.getLong(32), buf.getLong(40)), new UUID(buf.getLong(48), buf.getLong(56)),
                buf.getInt(68), new String(Arrays.copyOfRange(b, 72, 72 + len), StandardCharsets.UTF_8));
    }
}
