package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Sysctl;

class SysctlTest {

    @Test
    void everyKernelStartsWithTheFactoryDefaultsInNameOrder() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            List<Sysctl> all = k.sysctls();
            assertEquals(new KernelFactoryComponent().sysctls(), all);
            assertEquals(List.of("lwkt.spin_loops", "lwkt.token_spin_budget_ns", "watchdog.timeout_ns"), all.stream().map(Sysctl::name)
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
            assertEquals("no sysctl 'lwkt.spin_loop'; sysctls: lwkt.spin_loops, lwkt.token_spin_budget_ns, "
                    + "watchdog.timeout_ns",
                    unknown.getMessage());
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                    () -> k.sysctl("lwkt.token_spin_budget_ns", -2));
            assertEquals("sysctl lwkt.token_spin_budget_ns: -2 is out of range -1..1000000000", range.getMessage());
            assertEquals(2_000, k.sysctls().get(1).value());
        }
    }
}
