package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.machine.MachineSpec;
import org.odonata.experiments.run.Implementations;
import org.odonata.hw.x86.topology.Presets;

/** will-it-scale's page_fault1 and mmap1 on a kernel with the VM: they run, count what they claim, and replay. */
class WillItScaleVmTest {

    private final Implementations impl = RealImplementations.all();

    private Kernel boot() {
        return impl.kernels().boot(impl.machines().create(MachineSpec.of("wis", Presets.topology("smp-4"))),
                impl.scheduler("dfly"), impl.token("lwkt"), impl.pageout("dfly"));
    }

    @Test
    void pageFault1CountsOneZeroFillFaultPerPageAndReplaysBitForBit() {
        String digest = null;
        for (int round = 0; round < 2; round++) {
            try (Kernel k = boot()) {
                WorkloadRun run = impl.workload("page_fault1").start(k, List.of("copies=4", "size=1M"));
                k.runFor(20_000_000L);
                long ops = run.counters().get("ops");
                assertTrue(ops > 1000, "pages faulted: " + ops);
                long zeroFills = k.vm().stats().zeroFills();
                assertTrue(zeroFills >= ops && zeroFills <= ops + 4, ops + " ops, " + zeroFills + " zero-fills");
                assertTrue(run.counters().get("loops") > 0, "munmap came round");
                assertTrue(k.faults().isEmpty(), k.faults().toString());
                if (digest != null) {
                    assertEquals(digest, k.digest(), "same seed, same run");
                }
                digest = k.digest();
            }
        }
    }

    @Test
    void mmap1MapsAndUnmapsWithoutFaulting() {
        try (Kernel k = boot()) {
            WorkloadRun run = impl.workload("mmap1").start(k, List.of("copies=4"));
            k.runFor(5_000_000L);
            assertTrue(run.counters().get("ops") > 100, run.counters().toString());
            assertEquals(0, k.vm().stats().faults(), "nothing is touched");
        }
    }
}
