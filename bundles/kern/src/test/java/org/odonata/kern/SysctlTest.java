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
            assertEquals(new KernelFactoryComponent(Machines.vfs()).sysctls(), all);
            List<String> names = all.stream().map(Sysctl::name).toList();
            assertEquals(names.stream().sorted().toList(), names);
            assertTrue(names.containsAll(List.of("lwkt.preempt_enable", "lwkt.spin_loops", "lwkt.token_spin_budget_ns")),
                    names.toString());
            assertEquals(2_000, k.sysctl("lwkt.token_spin_budget_ns", 5_000));
            assertEquals(5_000, value(k, "lwkt.token_spin_budget_ns"));
        }
    }

    @Test
    void unknownNamesAndOutOfRangeValuesAreRefusedWithWhatIsValid() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> k.sysctl("lwkt.spin_loop", 3));
            assertEquals("no sysctl 'lwkt.spin_loop'; sysctls: " + String.join(", ",
                    k.sysctls().stream().map(Sysctl::name).toList()), unknown.getMessage());
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                    () -> k.sysctl("lwkt.token_spin_budget_ns", -2));
            assertEquals("sysctl lwkt.token_spin_budget_ns: -2 is out of range -1..1000000000", range.getMessage());
            assertEquals(2_000, value(k, "lwkt.token_spin_budget_ns"));
        }
    }

    private static long value(SimKernel k, String name) {
        return k.sysctls().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().value();
    }
}
