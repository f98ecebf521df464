package org.odonata.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.machine.Machine;
import org.odonata.api.topology.Topology;
import org.odonata.command.Args;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code hw:} commands: presets, topologies and the shell's simulated machines. */
@Component(service = HwCommands.class, immediate = true, property = {
    "osgi.command.scope=hw",
    "osgi.command.function=presets",
    "osgi.command.function=topology",
    "osgi.command.function=machine",
    "osgi.command.function=machines",
    "osgi.command.function=info"})
public final class HwCommands {

    private static final String NONE = "\u0000";

    @Reference
    private Machines machines;

    @Descriptor("list the topology presets, one line each with its counts")
    public String presets() {
        StringBuilder out = new StringBuilder();
        for (String name : machines.topologies().presets()) {
            Topology t = machines.topologies().preset(name);
            out.append(String.format(Locale.ROOT, "%-18s %s%n", name, t.counts()));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("print a topology's tree, then its counts of packages, cores, CPUs and NUMA nodes")
    public String topology(@Descriptor("a preset name (see hw:presets), an hwloc XML file or a sysfs directory")
            String presetOrFile) {
        return machines.topologies().render(resolve(presetOrFile));
    }

    @Descriptor("print a topology's tree")
    public String topology() {
        throw new IllegalArgumentException("hw:topology needs a preset name (" + String.join(", ",
                machines.topologies().presets()) + "), an hwloc XML file or a sysfs directory");
    }

    @Descriptor("create a simulated machine: hw:machine new NAME [--preset P | --topology FILE] [--seed N]")
    public String machine(
            @Descriptor("preset name") @Parameter(names = "--preset", absentValue = NONE) String preset,
            @Descriptor("hwloc XML file or sysfs directory") @Parameter(names = "--topology", absentValue = NONE)
            String topologyFile,
            @Descriptor("base seed of the machine's random streams, an integer")
            @Parameter(names = "--seed", absentValue = "1") String seed,
            @Descriptor("simulated-thread engine: continuation or virtual")
            @Parameter(names = "--engine", absentValue = "continuation") String engine,
            @Descriptor("the action (new), then the machine's name") String... words) {
        if (words.length != 2 || !words[0].equals("new")) {
            throw new IllegalArgumentException(words.length > 0 && !words[0].equals("new") ? "hw:machine: unknown "
                    + "action '" + words[0] + "'; valid: new" : "hw:machine needs: new NAME [--preset P | --topology "
                    + "FILE] [--seed N] [--engine continuation|virtual]");
        }
        String name = words[1];
        long s = Args.integer("--seed", seed);
        if (!preset.equals(NONE) && !topologyFile.equals(NONE)) {
            throw new IllegalArgumentException("give --preset or --topology, not both");
        }
        Topology topology = topologyFile.equals(NONE)
                ? machines.topologies().preset(preset.equals(NONE) ? Machines.DEFAULT_PRESET : preset)
                : machines.topologies().load(existing(topologyFile));
        Machine m = machines.create(Machines.spec(name, topology, s, engineKind(engine)));
        return "machine " + m.name() + ": " + m.topology().counts();
    }

    @Descriptor("list the shell's machines")
    public String machines() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-12s %-22s %6s %-13s %8s %s%n", "NAME",
                "TOPOLOGY", "CPUS", "ENGINE", "SEED", "VTIME(ns)"));
        for (Machine m : machines.all()) {
            out.append(String.format(Locale.ROOT, "%-12s %-22s %6d %-13s %8d %d%n", m.name(), m.topology().name(),
                    m.topology().cpuCount(), m.spec().engine().name().toLowerCase(Locale.ROOT), m.spec().seed(),
                    m.engine().now()));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("show a machine's topology, cost model and devices")
    public String info() {
        throw new IllegalArgumentException("hw:info needs a machine's name; machines: " + String.join(", ",
                machines.all().stream().map(Machine::name).toList()));
    }

    @Descriptor("show a machine's topology, cost model and devices")
    public String info(@Descriptor("machine name (see hw:machines)") String name) {
        Machine m = machines.get(name);
        StringBuilder out = new StringBuilder();
        out.append("machine ").append(m.name()).append(" (topology ").append(m.topology().name()).append(", seed ")
                .append(m.spec().seed()).append(", engine ").append(m.spec().engine().name().toLowerCase(Locale.ROOT))
                .append(")\n");
        out.append(m.topology().counts()).append('\n');
        CostModel costs = m.costs();
        out.append(String.format(Locale.ROOT, "costs at %.2f GHz:%n", costs.frequencyHz() / 1e9));
        for (Map.Entry<String, Long> e : costs.asMap().entrySet()) {
            if (!e.getKey().equals("frequencyHz")) {
                out.append(String.format(Locale.ROOT, "  %-18s %7d cycles %9d ns%n", e.getKey(), e.getValue(),
                        costs.nanos(e.getValue())));
            }
        }
        out.append("devices:");
        if (m.disks().isEmpty()) {
            out.append(" (none)");
        }
        for (BlockDevice d : m.disks()) {
            DiskSpec s = d.spec();
            out.append(String.format(Locale.ROOT, "%n  %-8s %-9s %,d bytes, %d-byte sectors, %s, %s", s.name(),
                    s.kind(), s.sizeBytes(), s.sectorSize(), s.writeCache() ? "volatile write cache" : "no write cache",
                    s.backingFile() == null ? "memory" : s.backingFile()));
        }
        return out.toString();
    }

    private Topology resolve(String presetOrFile) {
        if (machines.topologies().presets().contains(presetOrFile)) {
            return machines.topologies().preset(presetOrFile);
        }
        Path p = Path.of(presetOrFile);
        if (Files.exists(p)) {
            return machines.topologies().load(p);
        }
        throw new IllegalArgumentException("'" + presetOrFile + "' is neither a preset nor a file; presets: "
                + String.join(", ", machines.topologies().presets()));
    }

    static Path existing(String file) {
        Path p = Path.of(file);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("topology file not found: " + p.toAbsolutePath());
        }
        return p;
    }

    static EngineKind engineKind(String name) {
        return switch (name) {
            case "continuation" -> EngineKind.CONTINUATION;
            case "virtual" -> EngineKind.VIRTUAL_THREAD;
            default -> throw new IllegalArgumentException("unknown engine '" + name
                    + "'; valid: continuation, virtual");
        };
    }
}
