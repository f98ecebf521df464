package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EngineKind;
import org.odonata.kern.workload.Workloads;

class DeterminismTest {

    private static String run(long seed, EngineKind kind) {
        try (SimKernel k = Machines.boot("laptop-4c8t", seed, kind)) {
            Workloads.start(k, "cpuhog", List.of("6"));
            Workloads.start(k, "pingpong", List.of());
            Workloads.start(k, "tokens", List.of("4", "--hold", "20us"));
            Workloads.start(k, "tokens", List.of("3", "--hold", "50us", "--block", "--token", "vm"));
            Workloads.start(k, "forkstorm", List.of());
            k.runFor(Machines.ms(150));
            k.checkConservation();
            return k.digest() + " " + k.stats();
        }
    }

    @Test
    void sameSeedGivesTheSameDigest() {
        assertEquals(run(3, EngineKind.CONTINUATION), run(3, EngineKind.CONTINUATION));
    }

    @Test
    void continuationAndVirtualThreadEnginesAgree() {
        assertEquals(run(5, EngineKind.CONTINUATION), run(5, EngineKind.VIRTUAL_THREAD));
    }

    @Test
    void theDigestCoversTheRun() {
        try (SimKernel a = Machines.boot("smp-4", 1); SimKernel b = Machines.boot("smp-4", 1)) {
            Workloads.start(a, "cpuhog", List.of("2"));
            Workloads.start(b, "cpuhog", List.of("3"));
            a.runFor(Machines.ms(30));
            b.runFor(Machines.ms(30));
            assertNotEquals(a.digest(), b.digest());
        }
    }
}
