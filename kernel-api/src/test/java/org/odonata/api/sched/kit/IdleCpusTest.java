package org.odonata.api.sched.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class IdleCpusTest {

    /** Two L3s of two cores of two SMT threads: CPUs 0-1 core 0, 2-3 core 1 (L3 0), 4-5 core 2, 6-7 core 3 (L3 1). */
    private final FakeHost host = new FakeHost(2, 2, 2);
    private final IdleCpus idle = new IdleCpus(host);

    @Test
    void aKickedCpuIsNotIdleUntilItPicks() {
        assertTrue(idle.kickIdle(3));
        assertTrue(idle.kickIdle(3), "3 is kicked: the next idle CPU is kicked instead");
        assertEquals(List.of(3, 0), host.resched);
        assertFalse(idle.idle(3));
        idle.picked(3);
        assertTrue(idle.idle(3));
    }

    @Test
    void noIdleCpuMeansNoKick() {
        for (int cpu = 0; cpu < 8; cpu++) {
            host.current[cpu] = FakeHost.lwp(cpu, cpu);
        }
        host.current[5] = null;
        host.online[5] = false;
        assertFalse(idle.kickIdle(5), "an offline CPU is never idle");
        assertEquals(-1, idle.lowest());
        assertEquals(List.of(), host.resched);
    }

    @Test
    void selectPrefersAWhollyIdleCoreNearThePreviousCpu() {
        assertEquals(5, idle.select(5), "everything idle: the previous CPU");
        host.current[4] = FakeHost.lwp(1, 4);
        assertEquals(6, idle.select(5), "5's sibling is busy: a wholly idle core in the same L3");
        host.current[6] = FakeHost.lwp(2, 6);
        assertEquals(5, idle.select(5), "no wholly idle core in the L3: the previous CPU, idle");
        host.current[5] = FakeHost.lwp(3, 5);
        assertEquals(7, idle.select(5), "then any idle CPU in the L3");
        host.current[7] = FakeHost.lwp(4, 7);
        assertEquals(0, idle.select(5), "then a wholly idle core elsewhere");
        host.current[0] = FakeHost.lwp(5, 0);
        host.current[2] = FakeHost.lwp(6, 2);
        assertEquals(1, idle.select(5), "then any idle CPU");
        assertEquals(1, idle.select(-1), "no preference: the same order from CPU 0");
    }
}
