package org.odonata.api.vfs;

import java.nio.charset.StandardCharsets;

/**
 * One entry {@code getdents} returns ({@code struct dirent}). The name is a byte string; two entries are equal
 * when their fields and name bytes are.
 *
 * @param ino  inode number
 * @param type {@code DT_*} type: {@link #DT_DIR}, {@link #DT_REG}, {@link #DT_LNK}, …
 * @param name the name's bytes, without a terminating NUL
 */
public record DirEntry(long ino, int type, byte[] name) {

    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    public DirEntry {
        name = name.clone();
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    /** The name decoded as UTF-8 (for display). */
    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    /**
     * Bytes the entry takes in Linux's {@code getdents64} buffer ({@code struct linux_dirent64}: 19 bytes of header,
     * the name and its NUL, aligned to 8): how many entries one call returns depends on it.
     */
    public int recordLength() {
        return (19 + name.length + 1 + 7) & ~7;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirEntry d && d.ino == ino && d.type == type && java.util.Arrays.equals(d.name, name);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ino) * 31 + java.util.Arrays.hashCode(name);
    }

    @Override
    public String toString() {
        return "DirEntry[" + nameString() + ", ino=" + ino + ", type=" + type + "]";
    }
}
