package org.odonata.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ArgsTest {

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void anIntegerIsParsedOrRefusedNamingTheArgument() {
        assertEquals(42, Args.integer("--seed", "42"));
        assertEquals(-7, Args.integer("--seed", " -7 "));
        assertEquals("--seed: expected an integer, got 'abc'", refused(() -> Args.integer("--seed", "abc")));
        assertEquals("--seed: expected an integer, got '99999999999999999999' (too large)",
                refused(() -> Args.integer("--seed", "99999999999999999999")));
    }

    @Test
    void rangesAreChecked() {
        assertEquals(4, Args.count("--threads", "4", 1, 1024));
        assertEquals("--threads: expected an integer from 1 to 1024, got '0'",
                refused(() -> Args.count("--threads", "0", 1, 1024)));
        assertEquals("--threads: expected an integer from 1 to 1024, got '100000'",
                refused(() -> Args.count("--threads", "100000", 1, 1024)));
        assertEquals("--before: expected an integer of at least 0, got '-1'",
                refused(() -> Args.integer("--before", "-1", 0, Long.MAX_VALUE)));
    }

    @Test
    void durationsArePositiveBoundedAndNeverRoundToZero() {
        assertEquals(500_000_000L, Args.duration("--for", "500ms"));
        assertEquals(1L, Args.duration("--for", "1ns"));
        assertEquals("--for: '0.1ns' is shorter than 1ns, the resolution of virtual time",
                refused(() -> Args.duration("--for", "0.1ns")));
        assertEquals("--for: '1e-20s' is shorter than 1ns, the resolution of virtual time",
                refused(() -> Args.duration("--for", "1e-20s")));
        assertEquals("--for: expected at least 1ns, got '0ms'", refused(() -> Args.duration("--for", "0ms")));
        String tooLong = refused(() -> Args.duration("--for", "9223372036854775807ns"));
        assertEquals("--for: at most 1h of virtual time", tooLong.substring(0, tooLong.indexOf(',')).replace("3600s", "1h"));
        String overflow = refused(() -> Args.duration("--for", "99999999999999999999s"));
        assertEquals(true, overflow.contains("more than 3600s of virtual time"), overflow);
        assertEquals(true, refused(() -> Args.duration("--for", "1000000h")).startsWith(
                "--for: expected a duration such as 500ms"));
        assertEquals(0L, Args.duration("warmup", "0ms", 0, Args.MAX_VIRTUAL_NANOS));
    }

    @Test
    void bandwidthsAreBitsPerSecondWithSiPrefixes() {
        assertEquals(1_000_000_000L, Args.bitsPerSecond("--link", "1Gbit/s"));
        assertEquals(100_000_000L, Args.bitsPerSecond("--link", "100Mbit/s"));
        assertEquals(100_000_000L, Args.bitsPerSecond("--link", "12.5MB/s"), "B/s counts bytes");
        assertEquals(64_000L, Args.bitsPerSecond("--link", "64kbit/s"));
        assertEquals("--link: expected a bandwidth such as 1Gbit/s, 100Mbit/s or 12.5MB/s, got 'fast'",
                refused(() -> Args.bitsPerSecond("--link", "fast")));
        assertEquals("--link: expected a bandwidth such as 1Gbit/s, 100Mbit/s or 12.5MB/s, got '1G'",
                refused(() -> Args.bitsPerSecond("--link", "1G")));
        assertEquals("--link: expected from 1bit/s to 1000Gbit/s, got '0bit/s'",
                refused(() -> Args.bitsPerSecond("--link", "0bit/s")));
        assertEquals("--link: expected from 1bit/s to 1000Gbit/s, got '2000Gbit/s'",
                refused(() -> Args.bitsPerSecond("--link", "2000Gbit/s")));
    }

    @Test
    void aChoiceListsTheValidOnes() {
        assertEquals("online", Args.choice("action", "online", List.of("offline", "online")));
        assertEquals("action: expected one of offline, online, got 'sideways'",
                refused(() -> Args.choice("action", "sideways", List.of("offline", "online"))));
    }
}
