package org.odonata.api.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void cyclesBecomeNanosecondsExactlyEvenForHoursOfCycles() {
        CostModel c = CostModel.defaults().with("frequencyHz", 2_900_000_000L);
        assertEquals(1_000_000_000L, c.nanos(2_900_000_000L));
        long hour = 3600L * 2_900_000_000L;
        assertEquals(3600L * 1_000_000_000L, c.nanos(hour));
        assertEquals(3600L * 1_000_000_000L, c.nanos(hour + 2));
    }

    @Test
    void conversionsAreExactFloorsBothWays() {
        CostModel c = CostModel.defaults().with("frequencyHz", 2_900_000_000L);
        assertEquals(0, c.nanos(2));
        assertEquals(1, c.nanos(3));
        assertEquals(3_600L * 2_900_000_000L, c.cycles(3_600_000_000_000L));
        assertEquals(2, c.cycles(1));
    }

    @Test
    void overridingAFieldByNameKeepsTheOthers() {
        CostModel c = CostModel.defaults().with("contextSwitch", 5000);
        assertEquals(5000, c.contextSwitch());
        assertEquals(CostModel.defaults().syscallEntry(), c.syscallEntry());
    }

    @Test
    void anUnknownFieldNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CostModel.defaults().with("ctxswitch", 1));
        assertTrue(e.getMessage().contains("contextSwitch"), e.getMessage());
    }

    @Test
    void negativeCostsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CostModel.defaults().with("pageWalk", -1));
    }
}
