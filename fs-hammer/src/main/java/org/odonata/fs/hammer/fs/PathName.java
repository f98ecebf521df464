package org.odonata.fs.hammer.fs;

import java.util.ArrayList;
import java.util.List;

import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.object.Localization;

/**
 * An absolute path split into components, each with an optional as-of TID from the {@code name@@0x<hex>}
 * suffix (hammer_str_to_tid; {@code @@-1} means now). A component that is only {@code @@0x<hex>} views the
 * directory reached so far as of that TID; {@code @@-1:00001} or {@code @@0x<hex>:00001} alone is the root of
 * PFS 1, now or as of that TID (hammer_str_to_tid's localization form). Linear in the path length.
 */
record PathName(String path, List<Component> components) {

    static final int NAME_MAX = 255;

    /**
     * One component as written ({@code raw}); {@code asOf} is 0 when it has no {@code @@} suffix; {@code pfs} is the
     * PFS a {@code @@<tid>:<pfs>} suffix names, or -1.
     */
    record Component(String raw, String name, long asOf, int pfs) {

        Component(String name, long asOf) {
            this(name, name, asOf, -1);
        }

        /** {@code @@-1:00001} alone: the root of that PFS (hammer_vop_nresolve dives into it). */
        boolean pfsRoot() {
            return pfs >= 0 && name.isEmpty();
        }
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
                String suffix = part.substring(at + 2);
                int colon = suffix.indexOf(':');
                int pfs = colon < 0 ? -1 : parsePfs(suffix.substring(colon + 1), path);
                out.add(new Component(part, part.substring(0, at), parseTid(colon < 0 ? suffix
                        : suffix.substring(0, colon), path), pfs));
            }
        }
        return new PathName(path, out);
    }

    /** The PFS id after {@code @@<tid>:}, five digits as DragonFly writes it (fewer accepted), 0..65535. */
    static int parsePfs(String s, String path) {
        if (s.matches("[0-9]{1,5}")) {
            int pfs = Integer.parseInt(s);
            if (pfs < Localization.MAX_PFS) {
                return pfs;
            }
        }
        throw new HammerException(Errno.EINVAL, path + " (bad PFS id after ':': " + s + "; PFS ids are 0.."
                + (Localization.MAX_PFS - 1) + ")");
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

    /** Whether a component names a past TID; {@code @@-1} is now, writable (hammer_vop_nresolve sets RO otherwise). */
    boolean historical() {
        for (Component c : components) {
            if (c.asOf() != 0 && c.asOf() != BTree.AS_OF_NOW) {
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
