package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.fio.FioJob;
import org.odonata.experiments.fio.FioJobFile;

/** fio's ini format as fio reads it: [global] under each job, fio's size and time units, errors with their line. */
class FioJobFileTest {

    private static final Path F = Path.of("t.fio");

    @Test
    void globalOptionsApplyToEveryJobAndAJobOverridesThem() {
        FioJobFile f = FioJobFile.parse(F, """
                ; comment
                [global]
                bs=8k
                size=1m
                direct=1
                runtime=500ms
                time_based

                [seq]
                rw=write
                # another comment
                [mixed]
                rw=randrw
                rwmixread=70
                bs=16k
                numjobs=3
                ioengine=sync
                fsync=4
                directory=/data
                """);
        FioJob seq = f.jobs().get(0);
        FioJob mixed = f.jobs().get(1);
        assertEquals(FioJob.Rw.WRITE, seq.rw());
        assertEquals(8192, seq.bs());
        assertEquals(1 << 20, seq.size());
        assertEquals(500_000_000L, seq.runtimeNanos());
        assertTrue(seq.timeBased());
        assertEquals("psync", seq.ioengine());
        assertEquals("/seq.0.0", seq.file(0), "fio's name.clone.filenumber in the directory");
        assertEquals(FioJob.Rw.RANDRW, mixed.rw());
        assertEquals(70, mixed.rwmixread());
        assertEquals(16384, mixed.bs());
        assertEquals(3, mixed.numjobs());
        assertEquals("/data/mixed.2.0", mixed.file(2));
        assertEquals(List.of("direct=1 is ignored: the model has no page cache to bypass"), f.notes());
    }

    @Test
    void runtimeIsInSecondsUnlessAUnitSaysOtherwise() {
        assertEquals(10_000_000_000L, FioJobFile.parse(F, "[j]\nsize=4k\nruntime=10\n").jobs().get(0).runtimeNanos());
        assertEquals(120_000_000_000L, FioJobFile.parse(F, "[j]\nsize=4k\nruntime=2m\n").jobs().get(0)
                .runtimeNanos());
        assertFalse(FioJobFile.parse(F, "[j]\nsize=4k\n").jobs().get(0).timeBased());
    }

    @Test
    void whatIsNotInTheSubsetOrMalformedIsRefusedWithItsLine() {
        assertEquals("t.fio:3: unsupported fio option 'iodepth'", message("[j]\nsize=1m\niodepth=32\n")
                .replaceAll(";.*", ""));
        assertTrue(message("[j]\nsize=1m\nioengine=libaio\n").startsWith("t.fio:3: ioengine=libaio: expected psync or"));
        assertTrue(message("[j]\nsize=lots\n").startsWith("t.fio:2: size=lots: expected a size"));
        assertTrue(message("[j]\nsize=1m\nrw=sideways\n").startsWith("t.fio:3: rw=sideways: expected read, write"));
        assertTrue(message("[j]\nrw=write\n").contains("job [j]: missing size="));
        assertTrue(message("size=1m\n").startsWith("t.fio:1: expected a section header"));
        assertTrue(message("[global]\nsize=1m\n").contains("at least one job section"));
        assertTrue(message("[j\n").startsWith("t.fio:1: expected a section header such as [job1]"));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> FioJobFile.parse(F, text)).getMessage();
    }
}
