package org.odonata.sched.eevdf;

import org.odonata.api.capability.ProvidesScheduler;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.osgi.service.component.annotations.Component;

/** Registers {@code eevdf}; every machine gets its own {@link EevdfScheduler}. */
@ProvidesScheduler(EevdfFactory.NAME)
@Component(service = UserSchedulerFactory.class, property = "name=" + EevdfFactory.NAME)
public final class EevdfFactory implements UserSchedulerFactory {

    static final String NAME = "eevdf";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Linux EEVDF: vruntime, eligibility, virtual deadlines, per-CPU queues with load balancing (kit)";
    }

    @Override
    public UserScheduler create() {
        return new EevdfScheduler();
    }

    @Override
    public boolean workConserving() {
        return true;
    }
}
