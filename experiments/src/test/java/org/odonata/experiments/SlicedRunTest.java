package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.command.VirtualRun;
import org.odonata.experiments.run.Implementations;

/**
 * Advancing virtual time in slices (so that Ctrl-C can stop a run and progress can be shown) runs the same
 * events in the same order as one long advance: the kernel's digest is bit-identical.
 */
class SlicedRunTest {

    private final Implementations impl = RealImplementations.all();

    private String digest(boolean sliced) {
        Machine m = impl.machines().create(MachineSpec.of("sliced", impl.topologies().preset("smp-4")));
        try (Kernel k = impl.kernels().boot(m, impl.scheduler("dfly"), impl.token("lwkt"))) {
            impl.workload("hackbench").start(k, List.of("groups=2", "loops=0"));
            impl.workload("tokenscale").start(k, List.of("copies=3"));
            long total = 40_000_000L;
            if (sliced) {
                // a host clock that makes every slice a different, odd length
                AtomicLong host = new AtomicLong();
                new VirtualRun(n -> {
                    k.runFor(n);
                    host.addAndGet(n % 7 == 0 ? 300_000_000L : 17_000_000L);
                }, host::get).advance(0, total, null, null);
            } else {
                k.runFor(total);
            }
            return k.digest();
        }
    }

    @Test
    void slicingDoesNotChangeTheResult() {
        assertEquals(digest(false), digest(true));
    }
}
