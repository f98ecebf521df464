package org.odonata.api.machine;

import java.util.List;

import org.odonata.api.apic.Lapic;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.memory.Coherence;
import org.odonata.api.memory.PhysicalMemory;
import org.odonata.api.topology.Topology;
import org.osgi.annotation.versioning.ProviderType;

/** A simulated x86-64 machine: one engine, its CPUs, memory, APICs and disks. */
@ProviderType
public interface Machine extends AutoCloseable {

    MachineSpec spec();

    default String name() {
        return spec().name();
    }

    default Topology topology() {
        return spec().topology();
    }

    default CostModel costs() {
        return spec().costs();
    }

    Engine engine();

    Cpu cpu(int id);

    Coherence coherence();

    Lapic lapic();

    PhysicalMemory memory();

    List<BlockDevice> disks();

    /**
     * A hex digest over the machine's virtual time and hardware statistics: two runs that did the same thing
     * give the same digest.
     */
    String digest();

    /** Closes the disks. */
    @Override
    void close();
}
