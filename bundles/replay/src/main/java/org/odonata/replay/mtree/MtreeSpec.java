package org.odonata.replay.mtree;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An mtree specification as NetBSD's mtree reads it ({@code usr.sbin/mtree/spec.c}): {@code #} comment lines,
 * lines continued with a final {@code \}, {@code /set} and {@code /unset} defaults, entries {@code NAME key=value …}
 * (a directory entry holds the entries after it until its {@code ..}; a name with a {@code /} is a full path from the
 * root), the first entry {@code .}. Keywords this implementation does not check ({@code time}, {@code flags},
 * {@code md5}, …) are read and kept but not compared.
 */
public final class MtreeSpec {

    private static final Set<String> KNOWN = Set.of("cksum", "device", "flags", "gid", "gname", "ignore", "inode",
            "link", "md5", "md5digest", "mode", "nlink", "nochange", "optional", "rmd160", "rmd160digest", "sha1",
            "sha1digest", "sha256", "sha256digest", "sha384", "sha384digest", "sha512", "sha512digest", "size", "tags",
            "time", "type", "uid", "uname", "resdevice");
    private static final Set<String> FLAGS = Set.of("ignore", "nochange", "optional");

    /** One entry: a file the tree must have, with the keywords it must match. */
    public static final class Entry {
        final byte[] name;
        final Entry parent;
        final int line;
        final Map<String, String> keywords = new LinkedHashMap<>();
        final List<Entry> children = new ArrayList<>();
        final boolean magic;
        boolean visited;

        Entry(byte[] name, Entry parent, int line) {
            this.name = name;
            this.parent = parent;
            this.line = line;
            this.magic = indexOfAny(name, "*?[") >= 0;
        }

        public byte[] name() {
            return name.clone();
        }

        public Map<String, String> keywords() {
            return Map.copyOf(keywords);
        }

        public List<Entry> children() {
            return List.copyOf(children);
        }

        /** The {@code S_IF*} type the entry requires. */
        int type() {
            return MtreeType.of(keywords.get("type"));
        }

        boolean has(String keyword) {
            return keywords.containsKey(keyword);
        }

        boolean matches(byte[] n) {
            return magic ? Glob.matches(name, n) : Arrays.equals(name, n);
        }

        /** {@code ./a/b}, as mtree names a missing entry. */
        String path() {
            String n = new String(name, StandardCharsets.ISO_8859_1);
            return parent == null ? n : parent.path() + "/" + n;
        }
    }

    private final Entry root;

    private MtreeSpec(Entry root) {
        this.root = root;
    }

    public Entry root() {
        return root;
    }

    /** Reads a specification file (UTF-8 or any ASCII-compatible bytes: names are vis-encoded). */
    public static MtreeSpec read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return parse(file.toString(), r);
        }
    }

    /**
     * Parses a specification.
     *
     * @throws IllegalArgumentException {@code source:line: what was expected}
     */
    public static MtreeSpec parse(String source, BufferedReader in) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        Entry root = null;
        Entry cur = null;
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            int first = lineNo;
            while (line.endsWith("\\") && !line.endsWith("\\\\")) {
                String next = in.readLine();
                if (next == null) {
                    throw error(source, lineNo, "a line continuing the one ending with \\");
                }
                lineNo++;
                line = line.substring(0, line.length() - 1) + next;
            }
            String t = stripComment(line).strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] words = t.split("[ \t]+");
            switch (words[0]) {
                case "/set" -> defaults.putAll(keywords(source, first, words, true));
                case "/unset" -> {
                    for (int i = 1; i < words.length; i++) {
                        if (words[i].equals("all")) {
                            defaults.clear();
                        } else {
                            defaults.remove(words[i]);
                        }
                    }
                }
                case ".." -> {
                    if (cur == null || cur == root) {
                        throw error(source, first, "an entry, not .. above the tree's root");
                    }
                    cur = cur.parent;
                }
                default -> {
                    byte[] name;
                    try {
                        name = Vis.decode(words[0]);
                    } catch (IllegalArgumentException e) {
                        throw error(source, first, e.getMessage());
                    }
                    Map<String, String> kw = new LinkedHashMap<>(defaults);
                    kw.putAll(keywords(source, first, words, false));
                    if (!kw.containsKey("type")) {
                        throw error(source, first, "a type= keyword (or a /set type=) for " + words[0]);
                    }
                    Entry e;
                    if (root == null) {
                        if (!words[0].equals(".") || !"dir".equals(kw.get("type"))) {
                            throw error(source, first, "the tree's root '. type=dir' as the first entry, not "
                                    + words[0]);
                        }
                        root = new Entry(name, null, first);
                        root.keywords.putAll(kw);
                        cur = root;
                        continue;
                    }
                    if (indexOfAny(name, "/") >= 0) {
                        e = fullPath(source, first, root, name);
                    } else {
                        e = child(cur, name, first);
                    }
                    e.keywords.putAll(kw);
                    if (indexOfAny(name, "/") < 0 && "dir".equals(kw.get("type"))) {
                        cur = e;
                    }
                }
            }
        }
        if (root == null) {
            throw error(source, lineNo, "at least the tree's root '. type=dir'");
        }
        return new MtreeSpec(root);
    }

    /** An existing entry of that name (mtree merges repeated entries), or a new one. */
    private static Entry child(Entry dir, byte[] name, int line) {
        for (Entry c : dir.children) {
            if (Arrays.equals(c.name, name)) {
                return c;
            }
        }
        Entry e = new Entry(name, dir, line);
        dir.children.add(e);
        return e;
    }

    private static Entry fullPath(String source, int line, Entry root, byte[] path) {
        String p = new String(path, StandardCharsets.ISO_8859_1);
        String[] parts = p.split("/");
        Entry dir = root;
        int start = parts[0].equals(".") ? 1 : 0;
        for (int i = start; i < parts.length - 1; i++) {
            Entry next = null;
            for (Entry c : dir.children) {
                if (new String(c.name, StandardCharsets.ISO_8859_1).equals(parts[i])) {
                    next = c;
                }
            }
            if (next == null) {
                throw error(source, line, "the directory " + parts[i] + " of " + p + " earlier in the specification");
            }
            dir = next;
        }
        return child(dir, parts[parts.length - 1].getBytes(StandardCharsets.ISO_8859_1), line);
    }

    private static Map<String, String> keywords(String source, int line, String[] words, boolean set) {
        Map<String, String> kw = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            if (!KNOWN.contains(key)) {
                throw error(source, line, "an mtree keyword, not '" + key + "'");
            }
            if (eq < 0) {
                if (!FLAGS.contains(key)) {
                    throw error(source, line, key + "=VALUE");
                }
                kw.put(key, "");
                continue;
            }
            String value = w.substring(eq + 1);
            String k = key.equals("sha256digest") ? "sha256" : key;
            kw.put(k, check(source, line, k, value));
        }
        return kw;
    }

    private static String check(String source, int line, String key, String value) {
        try {
            switch (key) {
                case "type" -> {
                    if (MtreeType.of(value) < 0) {
                        throw error(source, line, "type=file|dir|link|block|char|fifo|socket, not " + value);
                    }
                }
                case "size", "nlink", "uid", "gid" -> Long.parseUnsignedLong(value);
                case "mode" -> Integer.parseInt(value, 8);
                case "sha256" -> {
                    if (value.length() != 64) {
                        throw error(source, line, "64 hex digits after sha256=, not " + value.length());
                    }
                    HexFormat.of().parseHex(value);
                }
                case "link" -> Vis.decode(value);
                default -> {
                }
            }
        } catch (NumberFormatException e) {
            throw error(source, line, "a number after " + key + "=, not " + value);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw error(source, line, key + "=VALUE: " + e.getMessage());
        }
        return value;
    }

    /** The line up to its first {@code #} not escaped by a backslash (fparseln's comments). */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static IllegalArgumentException error(String source, int line, String expected) {
        return new IllegalArgumentException(source + ":" + line + ": expected " + expected);
    }

    static int indexOfAny(byte[] s, String chars) {
        for (int i = 0; i < s.length; i++) {
            if (chars.indexOf(s[i] & 0xff) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
