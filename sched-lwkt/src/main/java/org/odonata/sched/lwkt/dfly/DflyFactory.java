package org.odonata.sched.lwkt.dfly;

import org.odonata.api.capability.ProvidesScheduler;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.osgi.service.component.annotations.Component;

/** Registers {@code dfly}, the default; every machine gets its own {@link DflyScheduler} with DragonFly's defaults. */
@ProvidesScheduler("dfly")
@Component(service = UserSchedulerFactory.class, property = "name=dfly")
public final class DflyFactory implements UserSchedulerFactory {

    @Override
    public String name() {
        return "dfly";
    }

    @Override
    public String description() {
        return "DragonFly usched_dfly: per-CPU queues, topology-aware placement, pulls and rover (default)";
    }

    @Override
    public UserScheduler create() {
        return new DflyScheduler();
    }
}
