package org.odonata.replay.mtree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a tree against a specification as {@code mtree -f SPEC -p PATH} does (NetBSD {@code usr.sbin/mtree/verify.c}
 * and {@code compare.c}), printing what it prints: {@code extra: PATH} for a file the specification lacks (not
 * descended into), {@code missing: ./PATH} for an entry the tree lacks, and per differing file its path and each
 * difference with the expected value first — {@code type (dir, file)}, {@code user (0, 5)}, {@code gid (…)},
 * {@code permissions (0644, 0600)}, {@code link count (…)} (never for directories, as mtree), {@code size (…)},
 * {@code sha256 (0x…, 0x…)}, and {@code link ref (FOUND, EXPECTED)} as mtree orders it. Unlike mtree-netbsd, which
 * exits 0 after reporting only extra and missing files, every difference counts.
 */
public final class MtreeVerifier {

    private static final int INDENTNAMELEN = 8;

    private final FileTree tree;
    private final List<String> out = new ArrayList<>();

    private MtreeVerifier(FileTree tree) {
        this.tree = tree;
    }

    /** The lines mtree would print (empty when the tree matches). */
    public static List<String> verify(FileTree tree, byte[] root, MtreeSpec spec) {
        MtreeVerifier v = new MtreeVerifier(tree);
        MtreeSpec.Entry r = spec.root();
        FileTree.Node node = tree.lstat(root);
        if (node == null) {
            v.out.add("missing: .");
            return v.out;
        }
        r.visited = true;
        v.compare(r, ".", root, node);
        if (node.isDirectory()) {
            v.walk(r, root, "");
        }
        v.miss(r);
        return v.out;
    }

    private void walk(MtreeSpec.Entry dir, byte[] path, String rel) {
        List<byte[]> names = new ArrayList<>(tree.list(path));
        names.sort(Arrays::compareUnsigned);
        for (byte[] name : names) {
            String r = rel + new String(name, StandardCharsets.ISO_8859_1);
            byte[] p = MtreeWriter.join(path, name);
            MtreeSpec.Entry e = null;
            for (MtreeSpec.Entry c : dir.children) {
                if (c.matches(name)) {
                    e = c;
                    break;
                }
            }
            if (e == null) {
                out.add("extra: " + r);
                continue;
            }
            e.visited = true;
            if (e.has("ignore")) {
                continue;
            }
            FileTree.Node node = tree.lstat(p);
            if (node == null) {
                continue;
            }
            compare(e, r, p, node);
            if ("dir".equals(e.keywords.get("type")) && node.isDirectory()) {
                walk(e, p, r + "/");
            }
        }
    }

    private void compare(MtreeSpec.Entry e, String rp, byte[] path, FileTree.Node node) {
        Label l = new Label(rp);
        if (e.type() != node.type()) {
            l.label();
            l.sb.append("\ttype (").append(e.keywords.get("type")).append(", ").append(node.typeName()).append(")\n");
            l.flush();
            return;
        }
        if (e.has("uid") && Long.parseUnsignedLong(e.keywords.get("uid")) != Integer.toUnsignedLong(node.uid())) {
            l.diff("user (" + e.keywords.get("uid") + ", " + Integer.toUnsignedString(node.uid()) + ")");
        }
        if (e.has("gid") && Long.parseUnsignedLong(e.keywords.get("gid")) != Integer.toUnsignedLong(node.gid())) {
            l.diff("gid (" + e.keywords.get("gid") + ", " + Integer.toUnsignedString(node.gid()) + ")");
        }
        if (e.has("mode") && Integer.parseInt(e.keywords.get("mode"), 8) != node.mode()) {
            l.diff("permissions (" + MtreeWriter.octal(Integer.parseInt(e.keywords.get("mode"), 8)) + ", "
                    + MtreeWriter.octal(node.mode()) + ")");
        }
        if (e.has("nlink") && !node.isDirectory() && Long.parseLong(e.keywords.get("nlink")) != node.nlink()) {
            l.diff("link count (" + e.keywords.get("nlink") + ", " + node.nlink() + ")");
        }
        if (e.has("size") && Long.parseLong(e.keywords.get("size")) != node.size()) {
            l.diff("size (" + e.keywords.get("size") + ", " + node.size() + ")");
        }
        if (e.has("sha256") && node.isRegular()) {
            String found = HexFormat.of().formatHex(tree.sha256(path));
            if (!found.equalsIgnoreCase(e.keywords.get("sha256"))) {
                l.diff("sha256 (0x" + e.keywords.get("sha256") + ", 0x" + found + ")");
            }
            l.tab = "\t";
        }
        if (e.has("link") && node.isSymlink()) {
            byte[] want = Vis.decode(e.keywords.get("link"));
            byte[] found = tree.readlink(path);
            if (!Arrays.equals(want, found)) {
                l.diff("link ref (" + new String(found, StandardCharsets.ISO_8859_1) + ", "
                        + new String(want, StandardCharsets.ISO_8859_1) + ")");
            }
        }
        l.flush();
    }

    /** mtree's {@code LABEL}: the path once, padded to 8 columns, then each difference on a line of its own. */
    private final class Label {
        final String rp;
        final StringBuilder sb = new StringBuilder();
        boolean labelled;
        String tab = "";

        Label(String rp) {
            this.rp = rp;
        }

        void label() {
            if (labelled) {
                return;
            }
            labelled = true;
            String s = rp + ": ";
            sb.append(s);
            if (s.length() > INDENTNAMELEN) {
                tab = "\t";
                sb.append('\n');
            } else {
                tab = "";
                sb.repeat(' ', INDENTNAMELEN - s.length());
            }
        }

        void diff(String text) {
            label();
            sb.append(tab).append(text).append('\n');
            tab = "\t";
        }

        void flush() {
            if (labelled) {
                out.addAll(sb.toString().lines().toList());
            }
        }
    }

    private void miss(MtreeSpec.Entry dir) {
        for (MtreeSpec.Entry e : dir.children) {
            if (!e.visited && !e.has("optional")) {
                out.add("missing: " + e.path());
            }
            if ("dir".equals(e.keywords.get("type")) && !e.has("ignore")) {
                miss(e);
            }
        }
    }

    /** How many files differed, were extra or were missing (lines per file may be several). */
    public static int differences(List<String> lines) {
        return (int) lines.stream().filter(l -> !l.startsWith("\t")).count();
    }
}
