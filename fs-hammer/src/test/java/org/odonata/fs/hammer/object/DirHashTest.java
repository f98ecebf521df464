package org.odonata.fs.hammer.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.fs.hammer.error.HammerCorruptionException;

/** Pins hammer_directory_namekey (hammer_subs.c): ALG1, which new directories get, and the model's ALG0. */
class DirHashTest {

    /**
     * Values from a scratch C program that follows hammer_directory_namekey's ALG1 case line by line (the segment
     * loop, {@code crcx &= 0x7FFFFFFF}, {@code crcx ^ (crcx << 16)} masked to bits 16–31, the 0x100000000 cleanup)
     * with zlib's crc32, the same ISO 3309 CRC as libkern's crc32; e.g. crc32("foo") = 0x8C736521, so "foo" is
     * 0x0C736521 above 0x8C73 ^ 0x6521 = 0xE952.
     */
    @Test
    void alg1KeysAreDragonFlysForTheseNames() {
        assertEquals(0x0C736521_E9520000L, DirHash.ALG1.namekey("foo"));
        assertEquals(0x0CDC1683_9A5F0000L, DirHash.ALG1.namekey("x"));
        assertEquals(0x2CEF7D48_51A70000L, DirHash.ALG1.namekey("tmp"));
        assertEquals(0x39CB93CB_BC870000L, DirHash.ALG1.namekey("x.tmp"));
        assertEquals(0x5322E3C9_61450000L, DirHash.ALG1.namekey("README.md"));
        assertEquals(0x7A0DD877_FBAF0000L, DirHash.ALG1.namekey("a-b_c~d"));
        assertEquals(0x79E2BD1B_EE780000L, DirHash.ALG1.namekey("hammer_subs.c"));
        assertEquals(0x0E048D3E_833A0000L, DirHash.ALG1.namekey("é"), "hashed over the UTF-8 bytes");
    }

    @Test
    void aNameOfSeparatorsOnlyIsMovedOffTheHighWordZeroWhereDotAndDotDotLive() {
        assertEquals(0x00000001_EC960000L, DirHash.ALG1.namekey("."));
        assertEquals(0x00000001_80140000L, DirHash.ALG1.namekey(".."));
    }

    @Test
    void alg1AddsTheSegmentsCrcsSoRenamingAwayAnExtensionMovesTheKeyByItsCrcOnly() {
        long x = DirHash.ALG1.namekey("x") >>> 32;
        long tmp = DirHash.ALG1.namekey("tmp") >>> 32;
        assertEquals((x + tmp) & 0x7FFFFFFFL, DirHash.ALG1.namekey("x.tmp") >>> 32);
        long ab = DirHash.ALG1.namekey("alpha.beta");
        long ba = DirHash.ALG1.namekey("beta_alpha");
        assertEquals(ab >>> 32, ba >>> 32, "the segments' order and separators do not move the high word");
        assertNotEquals(ab, ba, "the whole name's CRC in bits 16-31 tells them apart");
        assertEquals(DirHash.ALG1.namekey("alpha") >>> 32, DirHash.ALG1.namekey("..alpha~") >>> 32,
                "empty segments add nothing");
    }

    /** The model's ALG0 (volume version 7): CRC32C of the name, bit 31 dropped, in the high word. */
    @Test
    void alg0KeysStayWhatVersion7ImagesHold() {
        // from a bitwise CRC32C (polynomial 0x82F63B78, checked on "123456789" = 0xE3069283)
        assertEquals(0x4FC4AE1D_00000000L, DirHash.ALG0.namekey("foo"));
        assertEquals(0x3F8F4FD4_00000000L, DirHash.ALG0.namekey("x.tmp"));
        assertEquals(0x672237E7_00000000L, DirHash.ALG0.namekey("README.md"));
    }

    @Test
    void aLookupScansMaxIterationsAboveTheNamekey() {
        assertEquals(0x00FFFFFFL, DirHash.ALG1.maxIterations());
        assertEquals(0xFFFFFFFFL, DirHash.ALG0.maxIterations());
        for (DirHash h : DirHash.values()) {
            for (String name : List.of("a", "x.tmp", "~~", "0123456789abcdef", "é")) {
                long k = h.namekey(name);
                assertTrue(k > 0, name);
                assertEquals(0, k & 0xFFFF, name);
                assertTrue(h.holds(k, name) && h.holds(k + h.maxIterations(), name), name);
                assertFalse(h.holds(k - 1, name) || h.holds(k + h.maxIterations() + 1, name), name);
            }
        }
    }

    /** cap_flags is byte 3 of the inode data, 0 in images written before it was stored: those directories are ALG0. */
    @Test
    void aDirectoryInodeCarriesItsHashAndUnknownHashBitsAreCorruption() {
        InodeData dir = new InodeData(RecordType.OBJ_DIRECTORY, 0755, 1, 0, 1, 0, 0, 0);
        assertEquals(DirHash.ALG0, InodeData.decode(dir.encode(), 0).dirHash());
        byte[] b = dir.withCapFlags(DirHash.ALG1.capFlag()).encode();
        assertEquals(DirHash.ALG1, InodeData.decode(b, 0).dirHash());
        b[3] = 0x02;
        HammerCorruptionException e = assertThrows(HammerCorruptionException.class, () -> InodeData.decode(b, 0x40));
        assertTrue(e.getMessage().contains("cap_flags 0x2"), e.getMessage());
    }

    @Test
    void capFlagsNameTheHash() {
        assertEquals(DirHash.ALG0, DirHash.ofCapFlags(0x00));
        assertEquals(DirHash.ALG1, DirHash.ofCapFlags(0x01));
        assertEquals(DirHash.ALG1, DirHash.ofCapFlags(0x05), "HAMMER_INODE_CAP_DIR_LOCAL_INO is another bit");
        assertNull(DirHash.ofCapFlags(0x02));
        assertNull(DirHash.ofCapFlags(0x03));
    }
}
