package org.odonata.hw.x86.machine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.odonata.api.apic.IpiStats;
import org.odonata.api.apic.Lapic;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DeviceStats;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.engine.Engine;
import org.odonata.api.machine.Cpu;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.memory.Coherence;
import org.odonata.api.memory.CoherenceStats;
import org.odonata.api.memory.PhysicalMemory;
import org.odonata.hw.x86.apic.SimLapic;
import org.odonata.hw.x86.coherence.CoherenceModel;
import org.odonata.hw.x86.cpu.SimCpu;
import org.odonata.hw.x86.disk.Disks;
import org.odonata.hw.x86.engine.Engines;
import org.odonata.hw.x86.memory.FrameAllocator;

/**
 * A simulated machine: everything hangs off one engine, so the machine is confined to the host thread that
 * runs it, and two machines share nothing.
 */
final class SimulatedMachine implements Machine {

    private final MachineSpec spec;
    private final Engine engine;
    private final List<SimCpu> cpus;
    private final CoherenceModel coherence;
    private final SimLapic lapic;
    private final FrameAllocator memory;
    private final List<BlockDevice> disks;

    SimulatedMachine(MachineSpec spec) {
        this(spec, Engines.create(spec.engine(), spec.seed()));
    }

    /** A machine on {@code engine}, which it may share with other machines (a vkernel's guest with its host). */
    SimulatedMachine(MachineSpec spec, Engine engine) {
        this.spec = spec;
        this.engine = engine;
        List<SimCpu> list = new ArrayList<>(spec.topology().cpuCount());
        spec.topology().cpus().forEach(info -> list.add(new SimCpu(engine, info, spec.costs())));
        this.cpus = Collections.unmodifiableList(list);
        this.coherence = new CoherenceModel(engine, spec.topology(), spec.costs(), cpus);
        this.lapic = new SimLapic(engine, spec.topology(), spec.costs(), cpus);
        this.memory = new FrameAllocator(spec.topology());
        List<BlockDevice> opened = new ArrayList<>();
        try {
            for (DiskSpec d : spec.disks()) {
                opened.add(Disks.open(d, engine));
            }
        } catch (RuntimeException e) {
            opened.forEach(BlockDevice::close);
            throw e;
        }
        this.disks = List.copyOf(opened);
    }

    @Override
    public MachineSpec spec() {
        return spec;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public Cpu cpu(int id) {
        if (id < 0 || id >= cpus.size()) {
            throw new IllegalArgumentException("machine " + spec.name() + " has CPUs 0.." + (cpus.size() - 1)
                    + ", not " + id);
        }
        return cpus.get(id);
    }

    @Override
    public Coherence coherence() {
        return coherence;
    }

    @Override
    public Lapic lapic() {
        return lapic;
    }

    @Override
    public PhysicalMemory memory() {
        return memory;
    }

    @Override
    public List<BlockDevice> disks() {
        return disks;
    }

    @Override
    public String digest() {
        StateDigest d = new StateDigest();
        d.add(engine.now()).add(engine.eventsRun()).add(engine.pending());
        for (SimCpu c : cpus) {
            d.add(c.cyclesCharged()).add(c.halted() ? 1 : 0);
        }
        CoherenceStats cs = coherence.stats();
        d.add(cs.operations()).add(cs.hits()).add(cs.transfers()).add(cs.memoryReads()).add(cs.invalidations())
                .add(cs.cycles()).add(cs.spinWaits()).add(cs.spinCycles()).add(cs.queuedCycles());
        IpiStats is = lapic.stats();
        d.add(is.ipisSent()).add(is.ipiqAvoided()).add(is.timerArms()).add(is.timerExpiries()).add(is.haltWakeups());
        for (int n = 0; n < memory.nodes(); n++) {
            d.add(memory.freeFrames(n));
        }
        for (BlockDevice b : disks) {
            DeviceStats s = b.stats();
            d.add(s.reads()).add(s.writes()).add(s.flushes()).add(s.fuaWrites()).add(s.bytesRead())
                    .add(s.bytesWritten()).add(s.busyNanos());
        }
        return d.hex();
    }

    @Override
    public void close() {
        disks.forEach(BlockDevice::close);
    }

    @Override
    public String toString() {
        return "machine " + spec.name() + " (" + spec.topology().name() + ")";
    }
}
