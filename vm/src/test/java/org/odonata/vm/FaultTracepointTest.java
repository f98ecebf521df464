package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.TraceSink;
import org.odonata.api.vm.VmSpace;

/**
 * The fault tracepoint: one event per fault the process takes ({@code trap_pfault} entering {@code vm_fault}), with
 * the faulting address, the access and the faulting thread, a copy-on-write fault after fork included; a sink
 * changes nothing.
 */
class FaultTracepointTest {

    private static final long PAGE = 4096;

    /** The faults as the sink saw them: "tid address r|w". */
    private static final class Faults implements TraceSink {
        final List<String> seen = new ArrayList<>();
        long lastTime = -1;

        @Override
        public void fault(long time, int cpu, long tid, long address, boolean write) {
            assertTrue(time >= lastTime && cpu >= 0, "in time order, on a CPU");
            lastTime = time;
            seen.add(tid + " " + Long.toHexString(address) + (write ? " w" : " r"));
        }
    }

    /** Writes 3 pages, forks a child that reads them and writes one; returns the digest, the base and the faults. */
    private static String run(TraceSink sink, AtomicLong base, AtomicLong faults) {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            k.setTraceSink(sink);
            k.spawn("faulter", sys -> {
                long a = sys.mmap(0, 3 * PAGE, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                        VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                base.set(a);
                faults.addAndGet(sys.touch(a + 8, 3 * PAGE - 8, true));
                sys.fork(child -> faults.addAndGet(child.touch(a, 3 * PAGE, false) + child.touch(a + PAGE, 1, true)));
                sys.waitpid();
            });
            k.runFor(10_000_000);
            assertTrue(k.faults().isEmpty(), k.faults().toString());
            return k.digest();
        }
    }

    @Test
    void everyFaultIsOneEventWithItsAddressAndAccessAndASinkChangesNothing() {
        Faults sink = new Faults();
        AtomicLong base = new AtomicLong();
        AtomicLong faults = new AtomicLong();
        String traced = run(sink, base, faults);
        assertEquals(run(null, new AtomicLong(), new AtomicLong()), traced, "a sink changes nothing");
        assertEquals(3 + 3 + 1, faults.get(), "three zero-fills, three soft faults in the child, one COW");
        assertEquals(faults.get(), sink.seen.size(), sink.seen.toString());
        long a = base.get();
        String parent = sink.seen.get(0).split(" ")[0];
        String child = sink.seen.get(3).split(" ")[0];
        assertTrue(!parent.equals(child), sink.seen.toString());
        assertEquals(List.of(
                parent + " " + Long.toHexString(a + 8) + " w",
                parent + " " + Long.toHexString(a + PAGE) + " w",
                parent + " " + Long.toHexString(a + 2 * PAGE) + " w",
                child + " " + Long.toHexString(a) + " r",
                child + " " + Long.toHexString(a + PAGE) + " r",
                child + " " + Long.toHexString(a + 2 * PAGE) + " r",
                child + " " + Long.toHexString(a + PAGE) + " w"), sink.seen);
    }
}
