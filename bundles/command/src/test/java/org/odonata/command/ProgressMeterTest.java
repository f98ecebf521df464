package org.odonata.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    private final AtomicLong clock = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheLineIsRewrittenAtMostOnceASecondAndClearedAtTheEnd() {
        ProgressMeter m = new ProgressMeter(out, true, clock::get);
        clock.set(500_000_000L);
        m.update(() -> "half a second");
        assertEquals("", printed(), "nothing within the first second");
        clock.set(1_000_000_000L);
        m.update(() -> "one");
        clock.set(1_900_000_000L);
        m.update(() -> "too soon");
        clock.set(2_000_000_000L);
        m.update(() -> "two");
        m.finish();
        assertEquals("\rone\u001b[K\rtwo\u001b[K\r\u001b[K", printed());
    }

    @Test
    void elsewhereFullLinesComeAtMostEveryTenSeconds() {
        ProgressMeter m = new ProgressMeter(out, false, clock::get);
        clock.set(9_000_000_000L);
        m.update(() -> "nine");
        clock.set(10_000_000_000L);
        m.update(() -> "ten");
        clock.set(15_000_000_000L);
        m.update(() -> "fifteen");
        m.finish();
        assertEquals("ten" + System.lineSeparator(), printed());
    }

    @Test
    void aQuickCommandPrintsNothingEvenWhenFinished() {
        ProgressMeter m = new ProgressMeter(out, true, clock::get);
        m.update(() -> "x");
        m.finish();
        assertEquals("", printed());
    }

    @Test
    void hostTimesReadNaturally() {
        assertEquals("12.3s", ProgressMeter.hostTime(12.34));
        assertEquals("3m 05s", ProgressMeter.hostTime(185));
        assertEquals("2h 14m", ProgressMeter.hostTime(2 * 3600 + 14 * 60 + 10));
    }
}
