package org.odonata.replay.mtree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a specification of a tree as {@code mtree -c -k KEYWORDS} does (NetBSD {@code usr.sbin/mtree/create.c}:
 * {@code cwalk}, {@code statd}, {@code statf}): per directory a {@code # ./path} comment, a {@code /set} line with the
 * most common uid, gid and mode of its entries when they changed, the directory's line, its files, then its
 * subdirectories, each closed by {@code ..}; names and link targets vis-encoded; entries sorted with files before
 * directories, by name; a keyword omitted where it equals the {@code /set} default; lines continued with {@code \}
 * past 80 columns. {@code size} and {@code sha256} are written for regular files only (the NetBSD flavour).
 */
public final class MtreeWriter {

    private static final int INDENTNAMELEN = 15;
    private static final int MAXLINELEN = 80;
    /** statd counts uids and gids below these only. */
    private static final int MAXUID = 5000;
    private static final int MAXGID = 5000;

    private final FileTree tree;
    private final Set<Keyword> keys;
    private final StringBuilder out = new StringBuilder();
    private int uid;
    private int gid;
    private int mode;
    private boolean first = true;
    private int offset;

    private record Child(byte[] name, byte[] path, FileTree.Node node) {
    }

    private MtreeWriter(FileTree tree, Set<Keyword> keys) {
        this.tree = tree;
        this.keys = keys;
    }

    /**
     * The specification of the tree at {@code root}, with mtree's header comments ({@code user}, {@code machine},
     * {@code tree}, {@code date}).
     *
     * @throws IllegalStateException when {@code root} is not a directory or a file cannot be read
     */
    public static String write(FileTree tree, byte[] root, Set<Keyword> keys, String user, String machine,
            String date) {
        FileTree.Node r = tree.lstat(root);
        if (r == null || !r.isDirectory()) {
            throw new IllegalStateException(new String(root, java.nio.charset.StandardCharsets.UTF_8)
                    + (r == null ? ": no such directory" : ": not a directory"));
        }
        MtreeWriter w = new MtreeWriter(tree, keys);
        w.out.append("#\t   user: ").append(user).append('\n');
        w.out.append("#\tmachine: ").append(machine).append('\n');
        w.out.append("#\t   tree: ").append(new String(root, java.nio.charset.StandardCharsets.ISO_8859_1))
                .append('\n');
        w.out.append("#\t   date: ").append(date).append('\n');
        w.walk(new Child(new byte[] {'.'}, root, r), ".", 0);
        return w.out.toString();
    }

    private void walk(Child dir, String rel, int level) {
        out.append('\n');
        out.append("# ").append(rel).append('\n');
        List<Child> children = new ArrayList<>();
        for (byte[] name : tree.list(dir.path)) {
            byte[] path = join(dir.path, name);
            FileTree.Node n = tree.lstat(path);
            if (n != null) {
                children.add(new Child(name, path, n));
            }
        }
        children.sort(Comparator.comparing((Child c) -> c.node.isDirectory()).thenComparing(Child::name,
                Arrays::compareUnsigned));
        statd(children);
        statf(dir);
        for (Child c : children) {
            if (!c.node.isDirectory()) {
                statf(c);
            }
        }
        for (Child c : children) {
            if (c.node.isDirectory()) {
                walk(c, rel + "/" + Vis.encode(c.name), level + 1);
            }
        }
        if (level > 0) {
            out.append("# ").append(rel).append('\n');
            out.append("..\n\n");
        }
    }

    /** The {@code /set} line: the most common uid, gid and mode (the first to reach the highest count). */
    private void statd(List<Child> children) {
        if (children.isEmpty()) {
            return;
        }
        int saveuid = uid;
        int savegid = gid;
        int savemode = mode;
        Map<Integer, Integer> u = new HashMap<>();
        Map<Integer, Integer> g = new HashMap<>();
        Map<Integer, Integer> m = new HashMap<>();
        int maxuid = 0;
        int maxgid = 0;
        int maxmode = 0;
        for (Child c : children) {
            if (c.node.gid() >= 0 && c.node.gid() < MAXGID) {
                int n = g.merge(c.node.gid(), 1, Integer::sum);
                if (n > maxgid) {
                    savegid = c.node.gid();
                    maxgid = n;
                }
            }
            if (c.node.uid() >= 0 && c.node.uid() < MAXUID) {
                int n = u.merge(c.node.uid(), 1, Integer::sum);
                if (n > maxuid) {
                    saveuid = c.node.uid();
                    maxuid = n;
                }
            }
            int n = m.merge(c.node.mode(), 1, Integer::sum);
            if (n > maxmode) {
                savemode = c.node.mode();
                maxmode = n;
            }
        }
        if (first || keys.contains(Keyword.UID) && uid != saveuid || keys.contains(Keyword.GID) && gid != savegid
                || keys.contains(Keyword.MODE) && mode != savemode) {
            first = false;
            out.append("/set type=file");
            if (keys.contains(Keyword.UID)) {
                out.append(" uid=").append(Integer.toUnsignedString(saveuid));
            }
            if (keys.contains(Keyword.GID)) {
                out.append(" gid=").append(Integer.toUnsignedString(savegid));
            }
            if (keys.contains(Keyword.MODE)) {
                out.append(" mode=").append(octal(savemode));
            }
            if (keys.contains(Keyword.NLINK)) {
                out.append(" nlink=1");
            }
            out.append('\n');
            uid = saveuid;
            gid = savegid;
            mode = savemode;
        }
    }

    private void statf(Child c) {
        FileTree.Node n = c.node;
        String name = (n.isDirectory() ? "" : "    ") + Vis.encode(c.name);
        out.append(name);
        offset = name.length();
        if (offset > INDENTNAMELEN) {
            offset = MAXLINELEN;
        } else {
            out.repeat(' ', INDENTNAMELEN - offset);
            offset = INDENTNAMELEN;
        }
        if (!n.isRegular()) {
            output("type=" + n.typeName());
        }
        if (keys.contains(Keyword.UID) && n.uid() != uid) {
            output("uid=" + Integer.toUnsignedString(n.uid()));
        }
        if (keys.contains(Keyword.GID) && n.gid() != gid) {
            output("gid=" + Integer.toUnsignedString(n.gid()));
        }
        if (keys.contains(Keyword.MODE) && n.mode() != mode) {
            output("mode=" + octal(n.mode()));
        }
        if (keys.contains(Keyword.NLINK) && n.nlink() != 1) {
            output("nlink=" + n.nlink());
        }
        if (keys.contains(Keyword.SIZE) && n.isRegular()) {
            output("size=" + n.size());
        }
        if (keys.contains(Keyword.SHA256) && n.isRegular()) {
            output("sha256=" + HexFormat.of().formatHex(tree.sha256(c.path)));
        }
        if (keys.contains(Keyword.LINK) && n.isSymlink()) {
            output("link=" + Vis.encode(tree.readlink(c.path)));
        }
        out.append('\n');
    }

    /** One {@code key=value}, continuing the line with {@code \} when it would pass 77 columns. */
    private void output(String kv) {
        if (offset + kv.length() > MAXLINELEN - 3) {
            out.append(" \\\n");
            out.repeat(' ', INDENTNAMELEN);
            offset = INDENTNAMELEN;
        }
        out.append(' ').append(kv);
        offset += kv.length() + 2;
    }

    /** C's {@code %#o}. */
    static String octal(int mode) {
        return mode == 0 ? "0" : "0" + Integer.toOctalString(mode);
    }

    static byte[] join(byte[] dir, byte[] name) {
        boolean slash = dir.length > 0 && dir[dir.length - 1] == '/';
        byte[] p = Arrays.copyOf(dir, dir.length + (slash ? 0 : 1) + name.length);
        if (!slash) {
            p[dir.length] = '/';
        }
        System.arraycopy(name, 0, p, p.length - name.length, name.length);
        return p;
    }
}
