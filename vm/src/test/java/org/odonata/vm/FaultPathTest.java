package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.vm.VmSpace;
import org.odonata.api.vm.VmStats;

class FaultPathTest {

    private static final int RW = VmSpace.PROT_READ | VmSpace.PROT_WRITE;
    private static final int ANON = VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE;

    @Test
    void firstTouchOfEachPageZeroFillsItAndTheSecondTakesNoFault() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            AtomicLong first = new AtomicLong(-1);
            AtomicLong second = new AtomicLong(-1);
            k.spawn("zf", sys -> {
                long a = sys.mmap(0, 16 * 4096, RW, ANON, -1, 0);
                first.set(sys.touch(a, 16 * 4096, true));
                second.set(sys.touch(a, 16 * 4096, false));
            });
            k.runFor(10_000_000);
            assertEquals(16, first.get(), "one fault per page on first touch");
            assertEquals(0, second.get(), "resident, mapped pages take no fault");
            VmStats s = k.vm().stats();
            assertEquals(16, s.zeroFills());
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }
}
