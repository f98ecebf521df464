package org.odonata.hw.x86.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.odonata.api.topology.Topology;
import org.odonata.api.topology.TopologySource;
import org.osgi.service.component.annotations.Component;

/**
 * The x86 machine's {@link TopologySource}: presets, hwloc XML files and sysfs trees. It has no state
 * and no lifecycle, so unit tests simply call {@code new TopologyService()}.
 */
@Component(service = TopologySource.class)
public final class TopologyService implements TopologySource {

    @Override
    public List<String> presets() {
        return Presets.names();
    }

    @Override
    public Topology preset(String name) {
        return Presets.topology(name);
    }

    /** A directory is a sysfs root, anything else hwloc XML. */
    @Override
    public Topology load(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or directory");
        }
        return Files.isDirectory(path) ? SysfsReader.read(path) : HwlocXmlReader.read(path);
    }

    @Override
    public Topology fromSpec(Map<String, ?> spec) {
        return TopologySpec.parse(spec).toTopology();
    }

    @Override
    public String render(Topology topology) {
        return TopologyPrinter.render(topology);
    }
}
