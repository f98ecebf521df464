package org.odonata.experiments.memtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.MachineSpec;

/** lackey's line format, gzip, and the errors bad input gets. */
class LackeyReaderTest {

    static PageRefs parse(String text) throws IOException {
        return LackeyReader.read("t.lackey", new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), 12);
    }

    @Test
    void eachKindOfLineBecomesPageReferencesAndPidLinesAreSkipped() throws IOException {
        PageRefs r = parse("==42== Lackey, an example Valgrind tool\n"
                + "I  04001000,3\n"
                + " L 1ffefffd88,8\n"
                + " S 00402ffe,4\n"
                + " M 00403010,8\n"
                + "\n"
                + "==42== \n");
        assertEquals(4, r.accesses());
        assertEquals(5, r.length(), "the store at 0x402ffe crosses into the next page");
        assertEquals(0x4001, r.page(0));
        assertTrue(!r.write(0) && !r.write(1), "fetches and loads read");
        assertEquals(0x402, r.page(2));
        assertEquals(0x403, r.page(3));
        assertTrue(r.write(2) && r.write(3) && r.write(4), "stores and modifies write");
        assertEquals(2, r.widest());
        assertEquals(4, r.widestLine(), "line 4 holds the crossing store");
    }

    @Test
    void aMalformedLineIsReportedWithItsFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("I  04001000,3\n X 1234,8\n"));
        assertTrue(e.getMessage().startsWith("t.lackey:2: expected 'I  addr,size'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("found ' X 1234,8'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(" L 12zz,8\n"));
        assertTrue(e.getMessage().startsWith("t.lackey:1:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("I  1000,\n"));
        assertTrue(e.getMessage().startsWith("t.lackey:1:"), e.getMessage());
    }

    @Test
    void gzipAndPlainFilesReadAlike(@TempDir Path dir) throws IOException {
        String text = "I  04001000,3\n S 00402ffe,2\n";
        Path plain = dir.resolve("p.lackey");
        Files.writeString(plain, text);
        Path gz = dir.resolve("p.lackey.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        PageRefs a = LackeyReader.read(plain, 12);
        PageRefs b = LackeyReader.read(gz, 12);
        assertEquals(a.length(), b.length());
        assertEquals(a.page(1), b.page(1));
        assertThrows(IllegalArgumentException.class, () -> LackeyReader.read(dir.resolve("none.gz"), 12));
    }

    @Test
    void aMemorySmallerThanOneAccessNeedsIsAClearError() throws IOException {
        PageRefs r = parse("I  04001000,3\n S 00402ffe,4\n");
        var impl = MattsonReplayTest.IMPL;
        var machine = impl.machines().create(MachineSpec.of("small", org.odonata.hw.x86.topology.Presets.topology(
                "smp-4")));
        try (Kernel k = impl.kernels().boot(machine, impl.scheduler("dfly"), impl.token("lwkt"),
                impl.pageout("lru"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemTrace.replay(k, r,
                    1));
            assertEquals("mem=1 page(s) is too small: the access at t.lackey:2 needs 2 pages at once",
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MemTrace.pages("0", 12));
        assertEquals(64, MemTrace.pages("256K", 12), "with a unit: bytes");
        assertEquals(64, MemTrace.pages("64", 12), "without: pages");
    }
}
