package org.odonata.hw.x86.testing;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.engine.Engine;
import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.api.cost.CostModel;
import org.odonata.hw.x86.cpu.SimCpu;

/** Small hand-built topologies and CPU sets for tests (presets live elsewhere). */
public final class TestMachines {

    private TestMachines() {
    }

    /**
     * {@code packages} × {@code l3PerPackage} × {@code coresPerL3} × {@code threadsPerCore} CPUs, numbered in that
     * order, one NUMA node of {@code nodeBytes} per package.
     */
    public static Topology topology(int packages, int l3PerPackage, int coresPerL3, int threadsPerCore,
            long nodeBytes) {
        List<CpuInfo> cpus = new ArrayList<>();
        int core = 0;
        int l3 = 0;
        for (int p = 0; p < packages; p++) {
            for (int c = 0; c < l3PerPackage; c++, l3++) {
                for (int k = 0; k < coresPerL3; k++, core++) {
                    for (int t = 0; t < threadsPerCore; t++) {
                        int id = cpus.size();
                        cpus.add(new CpuInfo(id, id, p, core, t, l3, p, CoreKind.UNIFORM));
                    }
                }
            }
        }
        List<NumaNode> nodes = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            nodes.add(new NumaNode(p, nodeBytes));
        }
        return new Topology("test-" + packages + "x" + l3PerPackage + "x" + coresPerL3 + "x" + threadsPerCore,
                cpus, nodes);
    }

    /**
     * 2 packages × 2 L3 domains × 2 cores × 2 threads: CPU 0's SMT sibling is 1, same L3 is 2, same package is 4,
     * other package is 8.
     */
    public static Topology sixteen() {
        return topology(2, 2, 2, 2, 1L << 30);
    }

    public static List<SimCpu> cpus(Engine engine, Topology topology, CostModel costs) {
        return topology.cpus().stream().map(info -> new SimCpu(engine, info, costs)).toList();
    }
}
