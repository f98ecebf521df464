package org.odonata.experiments.run;

import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.Variant;
import org.odonata.experiments.spec.WorkloadSpec;

/**
 * One trial to run: a sweep point, a variant, a workload and a trial index; {@code order} is its place in
 * the canonical order (points, then variants, then workloads, then trials) that results and digests use;
 * {@code traced} marks the one trial whose scheduling events go to trace.json (tracing never changes a result).
 */
public record Trial(int order, int pointIndex, Spec point, Variant variant, WorkloadSpec workload, int index,
        long seed, boolean traced) {

    public String label() {
        return (point.point().isEmpty() ? "" : point.pointLabel() + " ") + variant.name() + "/" + workload.label()
                + "#" + index;
    }
}
