package org.odonata.experiments.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.command.Args;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * {@code hw:calibrate}: measures the host with real programs and writes a cost profile. It lives beside the
 * profile reader rather than in the shell bundle because the spec validation that loads profiles is here.
 */
@Component(service = CalibrateCommand.class, immediate = true, property = {
    "osgi.command.scope=hw",
    "osgi.command.function=calibrate"})
public final class CalibrateCommand {

    private static final String NONE = "\u0000";

    @Descriptor("measure this host with perf bench and hackbench and write a cost profile: hw:calibrate --out "
            + "FILE.yaml [--groups 1,2,4,8] [--runs N] [--loops N] [--note TEXT]")
    public String calibrate(
            @Descriptor("the profile to write; the host's sysfs topology goes beside it, in FILE-sysfs/")
            @Parameter(names = "--out", absentValue = NONE) String out,
            @Descriptor("hackbench group counts, comma-separated") @Parameter(names = "--groups",
                    absentValue = "1,2,4,8") String groups,
            @Descriptor("runs of every measurement (the profile keeps each and the median)")
            @Parameter(names = "--runs", absentValue = "5") String runs,
            @Descriptor("hackbench messages from each sender to each receiver (-l)")
            @Parameter(names = "--loops", absentValue = "500") String loops,
            @Descriptor("a line for the profile, e.g. what else the host was doing")
            @Parameter(names = "--note", absentValue = NONE) String note) throws IOException {
        if (out.equals(NONE)) {
            throw new IllegalArgumentException("hw:calibrate needs --out FILE.yaml");
        }
        if (!out.endsWith(".yaml")) {
            throw new IllegalArgumentException("--out: expected a .yaml file, found '" + out + "'");
        }
        List<Integer> counts = new ArrayList<>();
        for (String g : groups.split(",")) {
            counts.add(Args.count("--groups", g.strip(), 1, 1024));
        }
        HostCalibration c = new HostCalibration(counts, Args.count("--runs", runs, 1, 100),
                Args.integer("--loops", loops, 1, 10_000_000), 20_000, 1_000_000);
        Path file = Path.of(out);
        String name = file.getFileName().toString();
        String topology = name.substring(0, name.length() - ".yaml".length()) + "-sysfs";
        Map<String, String> about = new LinkedHashMap<>();
        Bundle b = FrameworkUtil.getBundle(CalibrateCommand.class);
        about.put("tool", "odonata " + (b == null ? "unknown" : b.getVersion().toString()));
        about.put("command", "hw:calibrate --out " + out + " --groups " + groups + " --runs " + runs + " --loops "
                + loops);
        if (!note.equals(NONE)) {
            about.put("note", note);
        }
        CostProfile p = c.measure(about, file.resolveSibling(topology), topology,
                System.out::println);
        p.write(file);
        StringBuilder summary = new StringBuilder("wrote " + file + " (topology: " + file.resolveSibling(topology)
                + ")\n");
        p.costs().forEach((k, v) -> {
            if (v.measured()) {
                summary.append(String.format("  %-14s %d  <- %s%n", k, v.value(), v.from()));
            }
        });
        return summary.toString().stripTrailing();
    }
}
