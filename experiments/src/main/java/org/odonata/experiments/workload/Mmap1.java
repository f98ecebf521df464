package org.odonata.experiments.workload;

import java.util.List;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * will-it-scale's {@code mmap1}: each copy maps its memory and unmaps it untouched. Throughput is mmap/munmap pairs
 * per virtual second ({@code ops}). It exercises the map lock and entry insertion and removal, not faults.
 */
@Component(service = Workload.class, property = "name=mmap1")
public final class Mmap1 extends AnonMemoryLoop {

    @Override
    public String name() {
        return "mmap1";
    }

    @Override
    public String description() {
        return "will-it-scale mmap1: N copies mapping and unmapping anonymous memory";
    }

    @Override
    List<Metric> counters() {
        return List.of(Metric.count("ops", "pairs", "mmap and munmap pairs"));
    }

    @Override
    void use(Syscalls sys, long addr, long size, RunRecord run) {
        run.add("ops", 1);
    }
}
