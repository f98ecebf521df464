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

    public MachineSpec {
        disks = List.copyOf(disks);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("machine name must not be empty");
        }
    }

    /** A machine with default costs, no disks, seed 1 and the continuation engine. */
    public static MachineSpec of(String name, Topology topology) {
        return new MachineSpec(name, topology, CostModel.defaults(), List.of(), 1, EngineKind.CONTINUATION);
    }
}
