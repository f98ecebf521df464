package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.apic.InterruptHandler;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.TopologySpec;

/**
 * A guest CPU's interrupts reach its kernel only while the vCPU runs the guest: the vkernel takes the signals that
 * stand for them when its vCPU thread runs ({@code platform/vkernel64}).
 */
class VcpuTest {

    @Test
    void anInterruptWhileTheVcpuIsOffTheHostCpuIsTakenAtItsNextEntry() {
        try (Machine m = new MachineFactoryComponent().create(new MachineSpec("guest",
                new TopologySpec("vk", 1, 1, 1, 1, 1, 1).toTopology(), CostModel.defaults(), List.of(), 1,
                EngineKind.CONTINUATION))) {
            Vcpu v = new Vcpu(m.cpu(0), m.engine());
            List<Long> taken = new ArrayList<>();
            InterruptHandler guestKernel = (cpu, vector) -> taken.add(m.engine().now());
            m.lapic().setHandler(0, v.atEntry(guestKernel));

            m.lapic().arm(0, 1_000);
            m.engine().runUntil(50_000);
            assertEquals(List.of(), taken, "not taken while the vCPU is off the host CPU");
            assertEquals(1, v.deferredInterrupts);

            m.engine().at(60_000, () -> v.enter(0, () -> { }));
            m.engine().runUntil(70_000);
            assertEquals(List.of(60_000L), taken, "taken as the vCPU enters the guest");

            m.lapic().arm(0, 80_000);
            m.engine().runUntil(90_000);
            assertEquals(2, taken.size(), "taken on arrival while the vCPU runs");
            assertEquals(1, v.deferredInterrupts);

            v.exit();
            m.lapic().arm(0, 100_000);
            m.engine().runUntil(110_000);
            v.kill();
            v.enter(0, () -> { });
            m.engine().runUntil(200_000);
            assertEquals(2, taken.size(), "a torn-down guest takes no more interrupts");
        }
    }
}
