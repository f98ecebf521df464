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
 * will-it-scale's {@code page_fault1} (process mode): {@code copies} processes each loop mapping {@code size} of
 * anonymous private memory, writing one word of every page (a zero-fill fault each), and unmapping it. Throughput
 * is pages faulted per virtual second ({@code ops}, as will-it-scale counts them). On many CPUs the copies contend
 * for the page queues' coloured spinlocks, the object-list tokens and the page-table pages, as the real benchmark
 * contends in the kernel. Left out: pinning, thread mode (copies sharing one address space), its 16-bit stores.
 */
@Component(service = Workload.class, property = "name=page_fault1")
public final class PageFault1 extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.integer("copies", 4, "processes looping in parallel"),
            Param.string("size", "128M", "memory each loop maps, faults in and unmaps (will-it-scale's MEMSIZE)"));

    @Override
    public String name() {
        return "page_fault1";
    }

    @Override
    public String description() {
        return "will-it-scale page_fault1: N copies mapping, zero-fill faulting and unmapping anonymous memory";
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
            throw new IllegalArgumentException("page_fault1 needs a kernel with a VM");
        }
        RunRecord run = new RunRecord(name(), "ops", List.of(Metric.count("ops", "pages", "pages faulted"),
                Metric.count("loops", "loops", "map, fault and unmap rounds completed")));
        for (int i = 0; i < copies; i++) {
            kernel.spawn("page_fault1." + i, sys -> {
                while (true) {
                    long a = sys.mmap(0, size, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                            VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                    if (a < 0) {
                        throw new IllegalStateException("page_fault1: mmap of " + size + " bytes failed: errno " + -a);
                    }
                    for (long off = 0; off < size; off += 4096) {
                        sys.touch(a + off, 8, true);
                        run.add("ops", 1);
                    }
                    sys.munmap(a, size);
                    run.add("loops", 1);
                }
            });
        }
        return run;
    }
}
