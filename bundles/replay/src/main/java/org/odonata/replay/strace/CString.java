package org.odonata.replay.strace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A string argument as strace printed it: the bytes (C escapes decoded) and whether strace cut it short
 * ({@code "..."...}, when the data was longer than {@code -s N}).
 */
public record CString(byte[] bytes, boolean truncated) {

    public CString {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The bytes decoded as UTF-8, for messages. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CString c && c.truncated == truncated && Arrays.equals(c.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + Boolean.hashCode(truncated);
    }

    @Override
    public String toString() {
        return "\"" + StraceText.escape(bytes) + "\"" + (truncated ? "..." : "");
    }
}
