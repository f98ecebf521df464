package org.odonata.fs.hammer.check;

import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.object.InodeData;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * Checks each leaf record on its own: TIDs (non-zero, create before delete, none at or past the header's next
 * TID), a known record type with its localization, data in the zone its type uses, the data's CRC, and data
 * that decodes; then hands the decoded record to the {@link NamespaceCheck}. Reads each record's data once.
 */
final class RecordCheck {

    private static final String ELEMENT = "B-tree element";

    private final Volume vol;
    private final ObjectStore store;
    private final ReachableSpace space;
    private final NamespaceCheck namespace;
    private final ProblemLog log;
    private long records;
    private long dataBytes;

    RecordCheck(Volume vol, ObjectStore store, ReachableSpace space, NamespaceCheck namespace, ProblemLog log) {
        this.vol = vol;
        this.store = store;
        this.space = space;
        this.namespace = namespace;
        this.log = log;
    }

    long records() {
        return records;
    }

    long dataBytes() {
        return dataBytes;
    }

    /** @param at the element's offset (its node's offset plus its position) */
    void check(BTreeElement e, long at) {
        records++;
        long next = vol.header().nextTid();
        if (e.createTid() == 0 || Long.compareUnsigned(e.createTid(), next) >= 0) {
            log.add(ELEMENT, at, "create_tid " + ZoneOffset.hex(e.createTid()) + " is 0 or not below the next TID "
                    + ZoneOffset.hex(next));
        }
        if (e.deleteTid() != 0 && (Long.compareUnsigned(e.deleteTid(), e.createTid()) <= 0
                || Long.compareUnsigned(e.deleteTid(), next) >= 0)) {
            log.add(ELEMENT, at, "delete_tid " + ZoneOffset.hex(e.deleteTid()) + " not between create_tid "
                    + ZoneOffset.hex(e.createTid()) + " and the next TID " + ZoneOffset.hex(next));
        }
        int zone = expectedZone(e);
        if (zone < 0) {
            log.add(ELEMENT, at, "unknown record type 0x" + Integer.toHexString(e.recType()) + " with localization 0x"
                    + Integer.toHexString(e.localization()));
            return;
        }
        if (ZoneOffset.zone(e.dataOffset()) != zone || e.dataLen() <= 0) {
            log.add(ELEMENT, at, "data at " + ZoneOffset.hex(e.dataOffset()) + " (" + e.dataLen()
                    + " bytes) is not in zone " + zone);
            return;
        }
        try {
            vol.deviceOffset(e.dataOffset(), e.dataLen(), "record data");
        } catch (HammerCorruptionException outside) {
            log.add(ELEMENT, at, "data at " + ZoneOffset.hex(e.dataOffset()) + " (" + e.dataLen()
                    + " bytes) lies outside the volume");
            return;
        }
        space.add(e.dataOffset(), (e.dataLen() + 15) & -16, zone, "record data", at);
        try {
            decode(e, at);
            dataBytes += e.dataLen();
        } catch (HammerCorruptionException bad) {
            log.add(bad);
        }
    }

    private void decode(BTreeElement e, long at) {
        switch (e.recType()) {
            case RecordType.INODE -> namespace.inode(e, at, InodeData.decode(store.readData(e), e.dataOffset()));
            case RecordType.DIRENTRY -> namespace.entry(e, at, store.entry(e));
            case RecordType.SNAPSHOT -> namespace.snapshot(e, at, store.snapshot(e));
            case RecordType.PFS -> store.pseudofs(e);
            default -> {
                store.readData(e);
                namespace.extent(e, at);
            }
        }
    }

    /** The zone a record's data must be in, or -1 for an unknown type. */
    private static int expectedZone(BTreeElement e) {
        return switch (e.recType()) {
            case RecordType.INODE -> (e.localization() & 0xFFFF) == RecordType.LOC_INODE ? ZoneOffset.META : -1;
            case RecordType.DIRENTRY, RecordType.SNAPSHOT -> (e.localization() & 0xFFFF) == RecordType.LOC_MISC
                    ? ZoneOffset.META : -1;
            // PFS records live in PFS 0 only (hammer_save_pseudofs)
            case RecordType.PFS -> e.localization() == RecordType.LOC_MISC ? ZoneOffset.META : -1;
            case RecordType.DATA -> (e.localization() & 0xFFFF) != RecordType.LOC_MISC ? -1
                    : e.dataLen() >= Volume.DATA_BUFSIZE ? ZoneOffset.LARGE_DATA : ZoneOffset.SMALL_DATA;
            default -> -1;
        };
    }
}
