package org.odonata.fs.hammer.fs;

import java.util.ArrayList;
import java.util.List;

import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;

/**
 * An absolute path split into components, each with an optional as-of TID from the {@code name@@0x<hex>}
 * suffix (hammer_str_to_tid; {@code @@-1} means now). A component that is only {@code @@0x<hex>} views the
 * directory reached so far as of that TID. Linear in the path length.
 */
record PathName(String path, List<Component> components) {

    static final int NAME_MAX = 255;

    /** One component; {@code asOf} is 0 when the component has no {@code @@} suffix. */
    record Component(String name, long asOf) {
    }

    static PathName parse(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new HammerException(Errno.EINVAL, String.valueOf(path) + " (not an absolute path)");
        }
        checkChars(path);
        List<Component> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            int at = part.indexOf("@@");
            if (at < 0) {
                out.add(new Component(part, 0));
            } else {
                out.add(new Component(part.substring(0, at), parseTid(part.substring(at + 2), path)));
            }
        }
        return new PathName(path, out);
    }

    private static long parseTid(String s, String path) {
        if (s.equals("-1")) {
            return BTree.AS_OF_NOW;
        }
        if (s.matches("0x[0-9a-fA-F]{1,16}")) {
            long tid = Long.parseUnsignedLong(s.substring(2), 16);
            if (tid != 0) {
                return tid;
            }
        }
        throw new HammerException(Errno.EINVAL, path + " (bad TID after @@: " + s + ")");
    }

    /**
     * A path is a C string of UTF-8 in DragonFly: it cannot hold NUL, and a Java string with an unpaired
     * surrogate has no UTF-8 form, so it could never be found again by the name it was created with.
     */
    private static void checkChars(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) {
                throw new HammerException(Errno.EINVAL, path + " (a name cannot contain NUL)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new HammerException(Errno.EINVAL, path + " (unpaired UTF-16 surrogate at "
                        + i + ": not valid Unicode)");
            }
        }
    }

    boolean historical() {
        for (Component c : components) {
            if (c.asOf() != 0) {
                return true;
            }
        }
        return false;
    }

    /** Checks a name a new entry would get. */
    static void checkName(String name, String path) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("@@")) {
            throw new HammerException(Errno.EINVAL, path + " (invalid name)");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new HammerException(Errno.ENAMETOOLONG, path);
        }
    }

    /** Formats a TID the way the as-of syntax spells it. */
    static String tid(long tid) {
        return String.format("0x%016x", tid);
    }
}
