package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Sysctl;

class SysctlTest {

    @Test
    void everyKernelStartsWithTheFactoryDefaultsInNameOrder() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            List<Sysctl> all = k.sysctls();
            assertEquals(new KernelFactoryComponent().sysctls(), all);
            assertEquals(List.of("lwkt.spin_loops", "lwkt.token_spin_budget_ns"), all.stream().map(Sysctl::name)
                    .toList());
            assertEquals(2_000, k.sysctl("lwkt.token_spin_budget_ns", 5_000));
            assertEquals(5_000, k.sysctls().get(1).value());
        }
    }

    @Test
    void unknownNamesAndOutOfRangeValuesAreRefusedWithWhatIsValid() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> k.sysctl("lwkt.spin_loop", 3));
            assertEquals("no sysctl 'lwkt.spin_loop'; sysctls: lwkt.spin_loops, lwkt.token_spin_budget_ns",
                    unknown.getMessage());
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                    () -> k.sysctl("lwkt.token_spin_budget_ns", -2));
            assertEquals("sysctl lwkt.token_spin_budget_ns: -2 is out of range -1..1000000000", range.getMessage());
            assertEquals(2_000, k.sysctls().get(1).value());
        }
    }

    @Test
    void anUnlimitedSpinBudgetNeverSwitchesAwayYetStillExcludes() {
        long[] collisions = new long[2];
        for (int run = 0; run < 2; run++) {
            try (SimKernel k = Machines.boot("laptop-4c8t", 3)) {
                if (run == 1) {
                    k.sysctl("lwkt.token_spin_budget_ns", -1);
                }
                int[] inside = new int[1];
                int[] most = new int[1];
                long[] holds = new long[1];
                for (int i = 0; i < 10; i++) {
                    k.spawn("excl", sys -> {
                        while (true) {
                            sys.withToken("vm", false, () -> {
                                most[0] = Math.max(most[0], ++inside[0]);
                                sys.computeInKernel(6_000);
                                inside[0]--;
                                holds[0]++;
                            });
                            sys.compute(3_000);
                        }
                    });
                }
                k.runFor(Machines.ms(50));
                assertEquals(1, most[0]);
                assertTrue(holds[0] > 1_000, "holds " + holds[0]);
                collisions[run] = k.stats().tokenCollisions();
            }
        }
        assertTrue(collisions[0] > 0, "the default budget gives up under this contention");
        assertEquals(0, collisions[1], "-1 spins until acquired");
    }
}
