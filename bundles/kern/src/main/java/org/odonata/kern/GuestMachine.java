package org.odonata.kern;

import java.util.List;

import org.odonata.api.apic.Lapic;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.engine.Engine;
import org.odonata.api.machine.Cpu;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.memory.Coherence;
import org.odonata.api.memory.PhysicalMemory;

/** A vkernel's guest machine as its kernel sees it: the machine model's guest with each CPU behind a {@link Vcpu}. */
final class GuestMachine implements Machine {

    private final Machine hw;
    private final Vcpu[] vcpus;
    private final GuestMemory memory;

    GuestMachine(Machine hw) {
        this.hw = hw;
        this.vcpus = new Vcpu[hw.topology().cpuCount()];
        for (int c = 0; c < vcpus.length; c++) {
            vcpus[c] = new Vcpu(hw.cpu(c), hw.engine());
        }
        this.memory = new GuestMemory(hw.memory(), this, vcpus.length);
    }

    Vcpu vcpu(int id) {
        return vcpus[id];
    }

    int vcpuCount() {
        return vcpus.length;
    }

    @Override
    public MachineSpec spec() {
        return hw.spec();
    }

    @Override
    public Engine engine() {
        return hw.engine();
    }

    @Override
    public Cpu cpu(int id) {
        hw.cpu(id);
        return vcpus[id];
    }

    @Override
    public Coherence coherence() {
        return hw.coherence();
    }

    @Override
    public Lapic lapic() {
        return hw.lapic();
    }

    @Override
    public PhysicalMemory memory() {
        return memory;
    }

    GuestMemory guestMemory() {
        return memory;
    }

    @Override
    public List<BlockDevice> disks() {
        return hw.disks();
    }

    @Override
    public String digest() {
        return hw.digest();
    }

    @Override
    public void close() {
        hw.close();
    }

    @Override
    public String toString() {
        return "guest " + hw;
    }
}
