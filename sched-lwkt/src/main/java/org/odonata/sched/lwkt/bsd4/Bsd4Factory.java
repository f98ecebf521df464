package org.odonata.sched.lwkt.bsd4;

import org.odonata.api.capability.ProvidesScheduler;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.osgi.service.component.annotations.Component;

/** Registers {@code bsd4}; every machine gets its own {@link Bsd4Scheduler}. */
@ProvidesScheduler("bsd4")
@Component(service = UserSchedulerFactory.class, property = "name=bsd4")
public final class Bsd4Factory implements UserSchedulerFactory {

    @Override
    public String name() {
        return "bsd4";
    }

    @Override
    public String description() {
        return "DragonFly usched_bsd4: one global 3x32 run queue set, nice/estcpu priorities, 100 ms round-robin";
    }

    @Override
    public UserScheduler create() {
        return new Bsd4Scheduler();
    }
}
