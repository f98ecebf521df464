package org.odonata.replay;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Host paths resolved lexically, as the replay decides what is under the traced directory {@code DIR}: components
 * joined onto a base (the current directory, a directory descriptor's path, or the root), {@code .} dropped,
 * {@code ..} taking one off. A path that leaves {@code DIR} through {@code ..} is outside, even if it comes back;
 * symbolic links are not followed (the host's kernel did that; the simulated kernel does it again).
 */
final class HostPaths {

    private final List<byte[]> dir;
    private final byte[] dirBytes;
    private final byte[] into;

    /** Where a path leads. */
    record Resolved(boolean inside, List<byte[]> parts, boolean stayedInside) {
    }

    /**
     * @param dir  the traced directory on the host, absolute
     * @param into where it is replayed in the simulated tree, absolute
     */
    HostPaths(byte[] dir, byte[] into) {
        this.dir = split(dir);
        this.dirBytes = join(this.dir);
        this.into = into.length > 1 && into[into.length - 1] == '/' ? Arrays.copyOf(into, into.length - 1) : into;
    }

    static boolean absolute(byte[] p) {
        return p.length > 0 && p[0] == '/';
    }

    /** The non-empty components of a path. */
    static List<byte[]> split(byte[] p) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= p.length; i++) {
            if (i == p.length || p[i] == '/') {
                if (i > start) {
                    out.add(Arrays.copyOfRange(p, start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** {@code /a/b} from components ({@code /} for none). */
    static byte[] join(List<byte[]> parts) {
        if (parts.isEmpty()) {
            return new byte[] {'/'};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write('/');
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    boolean inside(List<byte[]> parts) {
        if (parts.size() < dir.size()) {
            return false;
        }
        for (int i = 0; i < dir.size(); i++) {
            if (!Arrays.equals(parts.get(i), dir.get(i))) {
                return false;
            }
        }
        return true;
    }

    boolean inside(byte[] absolute) {
        return absolute != null && inside(split(absolute));
    }

    /**
     * Resolves {@code path} against {@code base} (an absolute host path; ignored for an absolute path).
     *
     * @return where it leads; {@code stayedInside} when the base was inside and no {@code ..} left {@code DIR}
     */
    Resolved resolve(List<byte[]> base, byte[] path) {
        List<byte[]> stack = absolute(path) ? new ArrayList<>() : new ArrayList<>(base);
        boolean was = inside(stack);
        boolean baseInside = was;
        boolean escaped = false;
        for (byte[] c : split(path)) {
            if (c.length == 1 && c[0] == '.') {
                continue;
            }
            if (c.length == 2 && c[0] == '.' && c[1] == '.') {
                if (!stack.isEmpty()) {
                    stack.removeLast();
                }
            } else {
                stack.add(c);
            }
            boolean now = inside(stack);
            escaped |= was && !now;
            was |= now;
        }
        boolean in = !escaped && inside(stack);
        return new Resolved(in, stack, baseInside && in);
    }

    /** The simulated path of a host path under {@code DIR}: {@code PATH} and the rest, keeping a final slash. */
    byte[] simulated(List<byte[]> parts, boolean trailingSlash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(into);
        for (int i = dir.size(); i < parts.size(); i++) {
            out.write('/');
            out.writeBytes(parts.get(i));
        }
        if (trailingSlash && parts.size() > dir.size()) {
            out.write('/');
        }
        return out.toByteArray();
    }

    /**
     * The simulated path of an absolute host path that starts with {@code DIR} as text (the rest kept as written:
     * {@code ./}, double and final slashes), or null when it does not.
     */
    byte[] simulatedVerbatim(byte[] path) {
        if (path.length < dirBytes.length || !Arrays.equals(path, 0, dirBytes.length, dirBytes, 0, dirBytes.length)
                || path.length > dirBytes.length && path[dirBytes.length] != '/' && dirBytes.length > 1) {
            return null;
        }
        byte[] out = Arrays.copyOf(into, into.length + path.length - dirBytes.length);
        System.arraycopy(path, dirBytes.length, out, into.length, path.length - dirBytes.length);
        return out;
    }

    /** A host path under {@code DIR} as the simulated kernel names it ({@code getcwd}). */
    byte[] simulated(byte[] hostAbsolute) {
        return simulated(split(hostAbsolute), false);
    }

    byte[] dir() {
        return dirBytes.clone();
    }
}
