package org.odonata.experiments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

/**
 * A spec's inline {@code machine.topology} map (or {@code machine.cpus}) as a {@link Topology}. The layout is
 * the machine model's own for presets — packages, then cores, then SMT threads; L3 domains and NUMA nodes
 * split each package's cores into equal consecutive runs — and a test checks that a preset's numbers give the
 * preset's topology, since the experiments bundle may not depend on the machine-model bundle.
 */
final class SymmetricTopology {

    private SymmetricTopology() {
    }

    static Topology build(String name, Map<String, Long> spec) {
        int packages = spec.get("packages").intValue();
        int cores = spec.get("coresPerPackage").intValue();
        int threads = spec.get("threadsPerCore").intValue();
        int l3s = spec.get("l3PerPackage").intValue();
        int numas = spec.get("numaPerPackage").intValue();
        int coresPerL3 = cores / l3s;
        int coresPerNode = cores / numas;
        List<CpuInfo> cpus = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            for (int c = 0; c < cores; c++) {
                for (int t = 0; t < threads; t++) {
                    int id = cpus.size();
                    cpus.add(new CpuInfo(id, id, p, p * cores + c, t, p * l3s + c / coresPerL3,
                            p * numas + c / coresPerNode, CoreKind.UNIFORM));
                }
            }
        }
        List<NumaNode> nodes = new ArrayList<>();
        for (int n = 0; n < packages * numas; n++) {
            nodes.add(new NumaNode(n, spec.get("memoryPerNodeGiB") << 30));
        }
        return new Topology(name, cpus, nodes);
    }
}
