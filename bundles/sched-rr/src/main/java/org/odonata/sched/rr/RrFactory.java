package org.odonata.sched.rr;

import org.odonata.api.capability.ProvidesScheduler;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.osgi.service.component.annotations.Component;

/** Registers {@code rr}; every machine gets its own {@link RrScheduler}. */
@ProvidesScheduler(RrFactory.NAME)
@Component(service = UserSchedulerFactory.class, property = "name=" + RrFactory.NAME)
public final class RrFactory implements UserSchedulerFactory {

    static final String NAME = "rr";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "per-CPU round robin, 100 ms slices, idle CPUs steal from the longest queue (scheduler kit)";
    }

    @Override
    public UserScheduler create() {
        return new RrScheduler();
    }

    @Override
    public boolean workConserving() {
        return true;
    }
}
