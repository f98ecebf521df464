package org.odonata.fs.hammer.volume;

/** A 4 KB metadata block (a B-tree node or a freemap block) that the flusher writes under UNDO protection. */
public interface MetaBlock {

    /** Its zone-encoded offset (zone 4 or 8), 4 KB aligned. */
    long offset();

    /** Writes its on-disk image into {@code dst} (4096 bytes). */
    void serialize(byte[] dst);

    /** A block of the same kind at the same offset parsed from {@code image}: the state before a failed group. */
    MetaBlock reload(byte[] image);
}
