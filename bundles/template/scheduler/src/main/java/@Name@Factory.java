package @PACKAGE@;

import org.odonata.api.capability.ProvidesScheduler;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Registers {@code @NAME@} as a service, so {@code sched:use @NAME@} and specs find it; every machine gets its own
 * {@link @Name@Scheduler}. {@code @ProvidesScheduler} puts {@code odonata.scheduler=@NAME@} in the manifest, so
 * a resolver ({@code repo:install odonata.scheduler=@NAME@}) finds the bundle by that name.
 */
@ProvidesScheduler(@Name@Factory.NAME)
@Component(service = UserSchedulerFactory.class, property = "name=" + @Name@Factory.NAME)
public final class @Name@Factory implements UserSchedulerFactory {

    static final String NAME = "@NAME@";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "@NAME@: per-CPU round robin with idle stealing, 100 ms slice (from ./odonata new)";
    }

    @Override
    public UserScheduler create() {
        return new @Name@Scheduler();
    }
}
