package org.odonata.fs.hammer.check;

import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.error.Printable;

/**
 * One problem {@link HammerCheck} found; its text escapes non-printable characters (names on a corrupt volume).
 *
 * @param structure what is wrong, e.g. "B-tree node", "freemap layer2 entry", "inode"
 * @param offset    where it is: the zone-encoded offset of the structure (for a B-tree element, the node's
 *                  offset plus the element's byte position inside the node)
 * @param check     the check that failed, in words
 */
public record Problem(String structure, long offset, String check) {

    static Problem of(HammerCorruptionException e) {
        return new Problem(e.structure(), e.offset(), e.check());
    }

    @Override
    public String toString() {
        return Printable.escape(String.format("%s at 0x%016x: %s", structure, offset, check));
    }
}
