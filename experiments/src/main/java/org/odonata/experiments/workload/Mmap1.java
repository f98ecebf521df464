package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.memory.MemorySize;
import org.odonata.api.metric.Metric;
import org.odonata.api.vm.VmSpace;
import org.osgi.service.component.annotations.Component;

/**
 * will-it-scale's {@code mmap1} (process mode): {@code copies} processes each loop mapping {@code size} of anonymous
 * private memory and unmapping it untouched. Throughput is mmap/munmap pairs per virtual second ({@code ops}). It
 * exercises the map lock, entry insertion and removal and object allocation (the object-list tokens), not faults.
 * Left out: pinning and thread mode.
 */
@Component(service = Workload.class, property = "name=mmap1")
public final class Mmap1 extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.integer("copies", 4, "processes looping in parallel"),
            Param.string("size", "128M", "memory each loop maps and unmaps (will-it-scale's MEMSIZE)"));

    @Override
    public String name() {
        return "mmap1";
    }

    @Override
    public String description() {
        return "will-it-scale mmap1: N copies mapping and unmapping anonymous memory";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    public boolean needsVm() {
        return true;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random) {
        int copies = p.count("copies");
        long size = MemorySize.parse(p.string("size")).bytes() / 4096 * 4096;
        if (copies < 1 || size < 4096) {
            throw new IllegalArgumentException("copies must be at least 1 and size at least a page");
        }
        if (kernel.vm() == null) {
            throw new IllegalArgumentException("mmap1 needs a kernel with a VM");
        }
        RunRecord run = new RunRecord(name(), "ops", List.of(Metric.count("ops", "pairs", "mmap and munmap pairs")));
        for (int i = 0; i < copies; i++) {
            kernel.spawn("mmap1." + i, sys -> {
                while (true) {
                    long a = sys.mmap(0, size, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                            VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                    if (a < 0) {
                        throw new IllegalStateException("mmap1: mmap of " + size + " bytes failed: errno " + -a);
                    }
                    sys.munmap(a, size);
                    run.add("ops", 1);
                }
            });
        }
        return run;
    }
}
