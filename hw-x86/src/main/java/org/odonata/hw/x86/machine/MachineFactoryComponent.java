package org.odonata.hw.x86.machine;

import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineFactory;
import org.odonata.api.machine.MachineSpec;
import org.osgi.service.component.annotations.Component;

/** Registers the x86-64 machine model as the MachineFactory service: a new, independent machine per spec. */
@Component(service = MachineFactory.class)
public final class MachineFactoryComponent implements MachineFactory {

    @Override
    public Machine create(MachineSpec spec) {
        return new SimulatedMachine(spec);
    }
}
