package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.experiments.run.Implementations;

/** Issue 15 §3, audit F4: an open queue that cannot be served is refused before it grows without bound. */
class WorkloadBoundsTest {

    private final Implementations impl = RealImplementations.all();

    private String refused(List<String> args) {
        Machine m = impl.machines().create(MachineSpec.of("bounds", impl.topologies().preset("smp-4")));
        try (Kernel k = impl.kernels().boot(m, impl.scheduler("dfly"), impl.token("lwkt"))) {
            return assertThrows(IllegalArgumentException.class, () -> impl.workload("openqueue").start(k, args))
                    .getMessage();
        }
    }

    @Test
    void anArrivalRateThatCannotBeServedIsRefused() {
        String m = refused(List.of("rate=1e12"));
        assertTrue(m.contains("more than one arrival per virtual nanosecond"), m);
        String overload = refused(List.of("rate=5000", "service=1ms"));
        assertTrue(overload.contains("= 5.00 CPUs of work on 4 CPUs (utilisation 125%): the queue would grow "
                + "without bound"), overload);
    }
}
