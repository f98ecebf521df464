package org.odonata.replay.mtree;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.vfs.Fcntl;

/** A tree held in memory, for checking mtree's formats without a kernel: paths as ISO-8859-1 strings. */
final class MemTree implements FileTree {

    private record Entry(Node node, byte[] data) {
    }

    private final Map<String, Entry> files = new LinkedHashMap<>();

    MemTree dir(String path, int mode, long nlink) {
        return put(path, new Node(Fcntl.S_IFDIR, mode, nlink, 0, 0, 4096), null);
    }

    MemTree file(String path, int mode, String content) {
        return file(path, mode, content, 1, 0, 0);
    }

    MemTree file(String path, int mode, String content, long nlink, int uid, int gid) {
        byte[] data = content.getBytes(StandardCharsets.ISO_8859_1);
        return put(path, new Node(Fcntl.S_IFREG, mode, nlink, uid, gid, data.length), data);
    }

    MemTree link(String path, String target) {
        byte[] t = target.getBytes(StandardCharsets.ISO_8859_1);
        return put(path, new Node(Fcntl.S_IFLNK, 0777, 1, 0, 0, t.length), t);
    }

    MemTree special(String path, int type, int mode) {
        return put(path, new Node(type, mode, 1, 0, 0, 0), null);
    }

    MemTree owner(String path, int uid, int gid) {
        Entry e = files.get(path);
        Node n = e.node;
        files.put(path, new Entry(new Node(n.type(), n.mode(), n.nlink(), uid, gid, n.size()), e.data));
        return this;
    }

    private MemTree put(String path, Node node, byte[] data) {
        files.put(path, new Entry(node, data));
        return this;
    }

    private static String s(byte[] p) {
        return new String(p, StandardCharsets.ISO_8859_1);
    }

    @Override
    public Node lstat(byte[] path) {
        Entry e = files.get(s(path));
        return e == null ? null : e.node;
    }

    @Override
    public List<byte[]> list(byte[] dir) {
        String prefix = s(dir) + "/";
        List<byte[]> out = new ArrayList<>();
        for (String p : files.keySet()) {
            if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                out.add(p.substring(prefix.length()).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.reversed();
    }

    @Override
    public byte[] readlink(byte[] path) {
        return files.get(s(path)).data.clone();
    }

    @Override
    public byte[] sha256(byte[] path) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(files.get(s(path)).data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
