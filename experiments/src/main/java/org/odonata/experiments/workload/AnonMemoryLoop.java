package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.memory.MemorySize;
import org.odonata.api.metric.Metric;
import org.odonata.api.vm.VmSpace;

/**
 * will-it-scale's VM tests in process mode: {@code copies} processes, each looping over {@code size} of fresh
 * anonymous private memory (mapped, used as the test says, unmapped). Left out: pinning and thread mode (copies
 * sharing one address space).
 */
abstract class AnonMemoryLoop extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.integer("copies", 4, "processes looping in parallel"),
            Param.string("size", "128M", "memory each loop maps and unmaps (will-it-scale's MEMSIZE)"));

    @Override
    public final List<Param> parameters() {
        return PARAMS;
    }

    @Override
    public final boolean needsVm() {
        return true;
    }

    /** The counters, the first being the throughput counter. */
    abstract List<Metric> counters();

    /** One round on the mapping at {@code addr} of {@code size} bytes, counting into {@code run}. */
    abstract void use(Syscalls sys, long addr, long size, RunRecord run);

    @Override
    protected final MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random) {
        int copies = p.count("copies");
        long size = MemorySize.parse(p.string("size")).bytes() / 4096 * 4096;
        if (copies < 1 || size < 4096) {
            throw new IllegalArgumentException("copies must be at least 1 and size at least a page");
        }
        if (kernel.vm() == null) {
            throw new IllegalArgumentException(name() + " needs a kernel with a VM");
        }
        RunRecord run = new RunRecord(name(), counters().get(0).name(), counters());
        for (int i = 0; i < copies; i++) {
            kernel.spawn(name() + "." + i, sys -> {
                while (true) {
                    long a = sys.mmap(0, size, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                            VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                    if (a < 0) {
                        throw new IllegalStateException(name() + ": mmap of " + size + " bytes failed: errno " + -a);
                    }
                    use(sys, a, size, run);
                    sys.munmap(a, size);
                }
            });
        }
        return run;
    }
}
