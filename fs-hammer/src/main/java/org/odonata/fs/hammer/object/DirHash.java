package org.odonata.fs.hammer.object;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.odonata.fs.hammer.ondisk.Crc32c;

/**
 * A directory's name hash (hammer_directory_namekey in hammer_subs.c), chosen per directory by the DIRHASH bits of
 * its inode's cap_flags: a directory entry is keyed by its name's namekey, or by the next key free above it when
 * names collide; a lookup scans the keys [namekey, namekey + maxIterations] (hammer_vop_nresolve) and compares names.
 * hammer_create_inode and newfs_hammer give a new directory ALG1 on a volume of version
 * {@link org.odonata.fs.hammer.ondisk.VolumeHeader#VERSION_DIRHASH_ALG1} or later (DragonFly: HAMMER_VOL_VERSION_SIX);
 * older directories keep ALG0.
 */
public enum DirHash {

    /**
     * The original hash: a 31-bit CRC in the high word, the low word for collisions. Simplification kept for the
     * images of volume version 7: the model's ALG0 takes CRC32C where DragonFly's takes crc32, and does not move a
     * zero key to 0x100000000.
     */
    ALG0(0x00, 0xFFFFFFFFL) {
        @Override
        long namekey(byte[] name) {
            return (Crc32c.of(name, 0, name.length) & 0x7FFFFFFFL) << 32;
        }
    },

    /**
     * HAMMER_INODE_CAP_DIRHASH_ALG1: bits 32–62 are the sum of the crc32s of the name's segments between '.', '-',
     * '_' and '~' (so "x.tmp" renamed to "x" moves the key by one segment's CRC instead of scattering it), bits
     * 16–31 the whole name's crc32 folded onto itself (its high half xor its low half) against degenerate
     * collisions, bits 0–15 zero for the collision iterator. crc32 is libkern's (ISO 3309, as java.util.zip.CRC32).
     */
    ALG1(0x01, 0x00FFFFFFL) {
        @Override
        long namekey(byte[] name) {
            int m32 = 0;
            int from = 0;
            for (int i = 0; i < name.length; i++) {
                byte c = name[i];
                if (c == '.' || c == '-' || c == '_' || c == '~') {
                    m32 += crc32(name, from, i - from);
                    from = i + 1;
                }
            }
            m32 += crc32(name, from, name.length - from);
            long key = (m32 & 0x7FFFFFFFL) << 32;
            int whole = crc32(name, 0, name.length);
            key |= (whole ^ (whole << 16)) & 0xFFFF0000L;
            // key 0 (and its high word) is where "." and ".." are synthesized
            return (key >>> 32) == 0 ? key | 0x1_0000_0000L : key;
        }
    };

    /** HAMMER_INODE_CAP_DIRHASH_MASK: the bits of an inode's cap_flags that name its directory hash. */
    public static final int CAP_MASK = 0x03;

    private final int capFlag;
    private final long maxIterations;

    DirHash(int capFlag, long maxIterations) {
        this.capFlag = capFlag;
        this.maxIterations = maxIterations;
    }

    /** The directory hash a cap_flags value names, or null for ALG2/ALG3, which DragonFly never defined. */
    public static DirHash ofCapFlags(int capFlags) {
        return switch (capFlags & CAP_MASK) {
            case 0x00 -> ALG0;
            case 0x01 -> ALG1;
            default -> null;
        };
    }

    /** This hash's DIRHASH value in an inode's cap_flags. */
    public int capFlag() {
        return capFlag;
    }

    /** How far above its namekey an entry may be keyed (max_iterations): a lookup scans that range. */
    public long maxIterations() {
        return maxIterations;
    }

    /** The namekey of a name (its UTF-8 bytes, as the entry stores them). Positive, never 0. */
    public long namekey(String name) {
        return namekey(name.getBytes(StandardCharsets.UTF_8));
    }

    abstract long namekey(byte[] name);

    /** Whether an entry keyed {@code key} can hold {@code name}: a lookup by the name scans there. */
    public boolean holds(long key, String name) {
        long hash = namekey(name);
        return key >= hash && key - hash <= maxIterations;
    }

    private static int crc32(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        return (int) crc.getValue();
    }
}
