package org.odonata.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.odonata.tck.Property;
import org.odonata.tck.PropertyResult;
import org.odonata.tck.Verdict;
import org.odonata.tck.fs.FsKit;
import org.odonata.tck.pageout.PageoutKit;
import org.odonata.tck.sched.SchedulerKit;
import org.odonata.tck.sync.TokenKit;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code tck:run}: a conformance kit against an implementation installed in this framework, one line per
 * property as it finishes; it fails (a non-zero exit status in batch mode) when a property fails.
 */
@Component(service = TckCommands.class, immediate = true, property = {
    "osgi.command.scope=tck",
    "osgi.command.function=run"})
public final class TckCommands {

    @Reference
    private Kernels kernels;

    @Descriptor("run a conformance kit against an installed implementation: sched NAME (user schedulers, see "
            + "sched:list), sync NAME (token implementations, see sync:list), fs TYPE (filesystem types, as fs:mount "
            + "names them) or vm NAME (pageout policies, see vm:policy list); prints PASS/FAIL per property")
    public String run(@Descriptor("the kit: sched, sync, fs, vm") String kit,
            @Descriptor("the implementation's name") String name) {
        List<Property> properties = switch (kit) {
            case "sched" -> SchedulerKit.properties(kernels.scheduler(name), kernels.platform());
            case "sync" -> TokenKit.properties(kernels.tokenAlgorithm(name), kernels.platform());
            case "vm" -> PageoutKit.properties(kernels.pageoutPolicy(name));
            case "fs" -> FsKit.properties(name, kernels.platform());
            default -> throw new IllegalArgumentException("unknown kit '" + kit + "'; kits: sched, sync, fs, vm");
        };
        List<String> failed = new ArrayList<>();
        int passed = 0;
        for (Property p : properties) {
            PropertyResult r = p.evaluate();
            System.out.println(r.line());
            if (r.verdict() == Verdict.FAIL) {
                failed.add(r.property());
            } else if (r.verdict() == Verdict.PASS) {
                passed++;
            }
        }
        String summary = kit + " kit, " + name + ": " + passed + " passed, " + failed.size() + " failed, "
                + (properties.size() - passed - failed.size()) + " not checked";
        if (!failed.isEmpty()) {
            throw new IllegalStateException(summary + " (" + String.join(", ", failed) + ")");
        }
        return summary;
    }
}
