package org.odonata.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VirtualDurationTest {

    @Test
    void everyUnitParsesExactly() {
        assertEquals(17, VirtualDuration.parse("17ns").nanos());
        assertEquals(20_000, VirtualDuration.parse("20us").nanos());
        assertEquals(250_000_000, VirtualDuration.parse("250ms").nanos());
        assertEquals(1_500_000_000, VirtualDuration.parse("1.5s").nanos());
        assertEquals(100, VirtualDuration.parse(" 0.1us ").nanos());
    }

    @Test
    void formatIsTheShortestExactForm() {
        assertEquals("1.5s", VirtualDuration.format(1_500_000_000));
        assertEquals("200ms", VirtualDuration.format(200_000_000));
        assertEquals("17ns", VirtualDuration.format(17));
        assertEquals("0ns", VirtualDuration.format(0));
        assertEquals("250ms", VirtualDuration.parse("250ms").toString());
    }

    @Test
    void malformedTextSaysWhatADurationLooksLike() {
        for (String bad : new String[] {"10", "ten ms", "-5ms", "5 minutes", "", "ms"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VirtualDuration.parse(bad));
            assertTrue(e.getMessage().contains("e.g. 200ms"), e.getMessage());
        }
    }
}
