package org.odonata.hw.x86.machine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a sequence of longs, printed as the first 16 bytes in hex: short enough to compare by eye. */
final class StateDigest {

    private final MessageDigest sha;
    private final byte[] buffer = new byte[Long.BYTES];

    StateDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    StateDigest add(long v) {
        for (int i = 0; i < Long.BYTES; i++) {
            buffer[i] = (byte) (v >>> (8 * i));
        }
        sha.update(buffer);
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
