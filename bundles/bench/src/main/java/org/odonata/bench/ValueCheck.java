package org.odonata.bench;

import java.util.Arrays;

/**
 * What {@link HammerBench} does with every value a store delivers, the same for both stores: checks it is the value
 * written, byte for byte, against the template every record was made from (all records share bytes 1.. of it;
 * byte 0 says which version), and returns byte 0. A vectorised compare ({@link Arrays#mismatch}), so reading the
 * bytes costs both stores as little as it can, and a store that hands back a reference to bytes nobody reads is not
 * timed as if it had delivered them.
 */
final class ValueCheck {

    private final byte[] template;

    ValueCheck(byte[] template) {
        this.template = template.clone();
    }

    long read(byte[] a, int offset, int length) {
        if (length != template.length || Arrays.mismatch(a, offset + 1, offset + length, template, 1, length) >= 0) {
            throw new IllegalStateException("a value is not the one written");
        }
        return a[offset];
    }

    long read(byte[] a) {
        return read(a, 0, a.length);
    }
}
