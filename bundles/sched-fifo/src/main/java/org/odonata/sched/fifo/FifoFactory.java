package org.odonata.sched.fifo;

import org.odonata.api.capability.ProvidesScheduler;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.osgi.service.component.annotations.Component;

/** Registers {@code fifo}; every machine gets its own {@link FifoScheduler} with the 100 ms quantum. */
@ProvidesScheduler("fifo")
@Component(service = UserSchedulerFactory.class, property = "name=fifo")
public final class FifoFactory implements UserSchedulerFactory {

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public String description() {
        return "one global FIFO run queue, no priorities or affinity, 100 ms quantum (baseline)";
    }

    @Override
    public UserScheduler create() {
        return new FifoScheduler();
    }

    @Override
    public boolean workConserving() {
        return true;
    }
}
