package org.odonata.hw.x86.machine;

import java.util.Objects;

import org.odonata.api.engine.Engine;
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

    @Override
    public Machine create(MachineSpec spec, Engine engine) {
        Objects.requireNonNull(engine, "engine");
        if (engine.kind() != spec.engine()) {
            throw new IllegalArgumentException("machine " + spec.name() + " asks for the " + spec.engine()
                    + " engine but is to run on a " + engine.kind() + " one");
        }
        return new SimulatedMachine(spec, engine);
    }
}
