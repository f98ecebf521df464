package org.odonata.shell;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.api.kern.Fault;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code kern:faults}: what went wrong in the current kernel, with the stack trace and the dump of each. */
@Component(service = FaultCommands.class, immediate = true, property = {
    "osgi.command.scope=kern",
    "osgi.command.function=faults"})
public final class FaultCommands {

    @Reference
    private Kernels kernels;

    @Descriptor("the current kernel's faults (ejections, inconsistent exports, crashed threads), oldest first, each "
            + "with its stack trace and a dump: the last decisions asked of the implementation, the CPUs, the LWPs "
            + "queued in the scheduler, the tokens held")
    public String faults(@Descriptor("one line per fault, no stack trace or dump")
            @Parameter(names = "--brief", presentValue = "true", absentValue = "false") boolean brief) {
        BootedKernel k = kernels.current();
        List<Fault> faults = k.call(() -> k.kernel().faultReports());
        if (faults.isEmpty()) {
            return "no faults in " + k.name();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            out.append(i + 1).append(". ").append(f.line()).append('\n');
            if (brief) {
                continue;
            }
            if (!f.stackTrace().isEmpty()) {
                out.append("   stack trace:\n");
                f.stackTrace().lines().forEach(l -> out.append("     ").append(l).append('\n'));
            }
            out.append("   dump:\n");
            f.dump().forEach(l -> out.append("     ").append(l).append('\n'));
        }
        return out.toString().stripTrailing();
    }
}
