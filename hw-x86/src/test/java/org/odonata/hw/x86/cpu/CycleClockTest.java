package org.odonata.hw.x86.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.odonata.api.cost.CostModel;

class CycleClockTest {

    @Test
    void conversionsAreExactFloorsEvenForHoursOfCycles() {
        CycleClock clock = new CycleClock(CostModel.defaults().with("frequencyHz", 2_900_000_000L));
        assertEquals(0, clock.nanos(2));
        assertEquals(1, clock.nanos(3));
        assertEquals(3_600_000_000_000L, clock.nanos(3_600L * 2_900_000_000L));
        assertEquals(3_600_000_000_001L, clock.nanos(3_600L * 2_900_000_000L + 3));
        assertEquals(3_600L * 2_900_000_000L, clock.cycles(3_600_000_000_000L));
        assertEquals(2, clock.cycles(1));
    }

    @Test
    void agreesWithTheCostModelWhereThatIsExact() {
        CostModel costs = CostModel.defaults();
        CycleClock clock = new CycleClock(costs);
        for (long c = 0; c < 8_000_000_000L; c += 999_999_937L) {
            assertEquals(costs.nanos(c), clock.nanos(c));
        }
    }
}
