package org.odonata.api.machine;

import java.util.List;

import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.topology.Topology;

/**
 * Everything that defines a simulated machine. Same spec and seed ⇒ same behaviour.
 *
 * @param name     machine name, unique among a shell's machines
 * @param topology processors and memory
 * @param costs    what hardware operations cost
 * @param disks    disks to attach, in order
 * @param seed     base seed of every random stream
 * @param engine   how simulated threads are suspended
 */
public record MachineSpec(String name, Topology topology, CostModel costs, List<DiskSpec> disks, long seed,
        EngineKind engine) {

    /**
     * The most CPUs a simulated machine may have. Far above DragonFly's own MAXCPU (256 on x86-64), and enough
     * for any real machine's hwloc file; a machine's per-CPU state is then allocated before it boots, so larger
     * ones are refused here rather than failing for lack of heap.
     */
    public static final int MAX_CPUS = 4096;

    /**
     * @throws IllegalArgumentException for an empty name, or a topology of more than {@link #MAX_CPUS} CPUs
     */
    public MachineSpec {
        disks = List.copyOf(disks);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("machine name must not be empty");
        }
        if (topology != null && topology.cpuCount() > MAX_CPUS) {
            throw new IllegalArgumentException("topology " + topology.name() + " has " + topology.cpuCount()
                    + " CPUs; a simulated machine has at most " + MAX_CPUS);
        }
    }

    /** A machine with default costs, no disks, seed 1 and the continuation engine. */
    public static MachineSpec of(String name, Topology topology) {
        return new MachineSpec(name, topology, CostModel.defaults(), List.of(), 1, EngineKind.CONTINUATION);
    }
}
