package org.odonata.api.topology;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where topologies come from: named presets and real machines' descriptions (hwloc XML as
 * {@code lstopo --of xml} writes it, or a Linux sysfs tree rooted at a directory holding
 * {@code devices/system/cpu}).
 */
@ProviderType
public interface TopologySource {

    List<String> presets();

    /**
     * @throws IllegalArgumentException naming the valid presets when there is no such preset
     */
    Topology preset(String name);

    /**
     * Reads hwloc XML or a sysfs tree, whichever {@code path} is.
     *
     * @throws IllegalArgumentException naming the file, the place and what was wrong when it cannot be read
     */
    Topology load(Path path);

    /**
     * A symmetric machine from a spec's {@code machine.topology} map: {@code packages}, {@code coresPerPackage},
     * {@code threadsPerCore} (required), {@code l3PerPackage}, {@code numaPerPackage}, {@code memoryPerNodeGiB},
     * {@code name} (optional). The presets are built the same way.
     *
     * @throws IllegalArgumentException naming the key and what was expected
     */
    Topology fromSpec(Map<String, ?> spec);

    /**
     * The topology as an indented tree (NUMA node, package, L3 domain, cores), ending with the line
     * {@code packages: P  cores: C  cpus: N  numa: M}.
     */
    String render(Topology topology);
}
