package org.odonata.fs.hammer.error;

/**
 * A structure on disk failed a check: thrown by mount, recovery and reads of corrupt nodes, records and
 * freemap entries. The message names the structure, its offset (a zone-encoded or device offset, in hex)
 * and the check that failed.
 */
public final class HammerCorruptionException extends HammerException {

    private static final long serialVersionUID = 1L;

    private final String structure;
    private final long offset;
    private final String check;

    public HammerCorruptionException(String structure, long offset, String check) {
        super(Errno.EIO, structure + " at 0x" + String.format("%016x", offset) + ": " + check, null);
        this.structure = structure;
        this.offset = offset;
        this.check = check;
    }

    public String structure() {
        return structure;
    }

    public long offset() {
        return offset;
    }

    public String check() {
        return check;
    }
}
