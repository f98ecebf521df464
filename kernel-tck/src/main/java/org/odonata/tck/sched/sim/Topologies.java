package org.odonata.tck.sched.sim;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

/**
 * Symmetric machines built the way hw-x86's presets are (one L3 and one NUMA node of 16 GiB per package,
 * CPUs numbered package, core, thread), without depending on the machine model.
 */
public final class Topologies {

    private Topologies() {
    }

    public static Topology uniprocessor() {
        return symmetric("uniprocessor", 1, 1, 1);
    }

    public static Topology laptop4c8t() {
        return symmetric("laptop-4c8t", 1, 4, 2);
    }

    public static Topology server2s32c64t() {
        return symmetric("server-2s32c64t", 2, 16, 2);
    }

    public static Topology symmetric(String name, int packages, int coresPerPackage, int threadsPerCore) {
        List<CpuInfo> cpus = new ArrayList<>();
        List<NumaNode> nodes = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            nodes.add(new NumaNode(p, 16L << 30));
            for (int c = 0; c < coresPerPackage; c++) {
                for (int t = 0; t < threadsPerCore; t++) {
                    int id = cpus.size();
                    cpus.add(new CpuInfo(id, id, p, p * coresPerPackage + c, t, p, p, CoreKind.UNIFORM));
                }
            }
        }
        return new Topology(name, cpus, nodes);
    }
}
