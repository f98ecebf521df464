package org.odonata.experiments.workload;

import java.util.List;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * will-it-scale's {@code page_fault1}: each copy writes one word of every page of its mapping (a zero-fill fault
 * each) before unmapping it. Throughput is pages faulted per virtual second ({@code ops}, as will-it-scale counts
 * them). On many CPUs the copies contend for the page queues' coloured spinlocks, the object-list tokens and the
 * page-table pages. Left out (besides {@link AnonMemoryLoop}'s): its stores are 8 bytes, not a word per page size.
 */
@Component(service = Workload.class, property = "name=page_fault1")
public final class PageFault1 extends AnonMemoryLoop {

    @Override
    public String name() {
        return "page_fault1";
    }

    @Override
    public String description() {
        return "will-it-scale page_fault1: N copies mapping, zero-fill faulting and unmapping anonymous memory";
    }

    @Override
    List<Metric> counters() {
        return List.of(Metric.count("ops", "pages", "pages faulted"),
                Metric.count("loops", "loops", "map, fault and unmap rounds completed"));
    }

    @Override
    void use(Syscalls sys, long addr, long size, RunRecord run) {
        for (long off = 0; off < size; off += 4096) {
            sys.touch(addr + off, 8, true);
            run.add("ops", 1);
        }
        run.add("loops", 1);
    }
}
