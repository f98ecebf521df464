package org.odonata.shell;

import java.util.Comparator;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.sched.UserSchedulerFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code sched:} commands: the registered user schedulers and live swaps between them. */
@Component(service = SchedCommands.class, immediate = true, property = {
    "osgi.command.scope=sched",
    "osgi.command.function=list",
    "osgi.command.function=use"})
public final class SchedCommands {

    @Reference
    private Kernels kernels;

    @Descriptor("list the registered user schedulers; * marks the one the current kernel uses")
    public String list() {
        String active = activeOrNull();
        StringBuilder out = new StringBuilder();
        kernels.schedulers().stream().sorted(Comparator.comparing(UserSchedulerFactory::name))
                .forEach(f -> out.append(String.format(Locale.ROOT, "%s %-8s %s%n",
                        f.name().equals(active) ? "*" : " ", f.name(), f.description())));
        return out.toString().stripTrailing();
    }

    @Descriptor("swap the current kernel's user scheduler at the next safe point, while it runs")
    public String use(@Descriptor("scheduler name (see sched:list)") String name) {
        UserSchedulerFactory f = kernels.scheduler(name);
        BootedKernel k = kernels.current();
        SwapReport r = k.call(() -> k.kernel().swapScheduler(f));
        kernels.wanted(k, 0, name);
        return SwapText.of(r);
    }

    @Descriptor("swap the current kernel's scheduler at the next safe point, while it runs")
    public String use() {
        throw new IllegalArgumentException("sched:use needs a scheduler name; valid: " + String.join(", ",
                kernels.schedulers().stream().map(UserSchedulerFactory::name).sorted().toList()));
    }

    private String activeOrNull() {
        try {
            BootedKernel k = kernels.current();
            return k.call(() -> k.kernel().scheduler());
        } catch (IllegalArgumentException noKernel) {
            return null;
        }
    }
}
