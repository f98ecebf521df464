package org.odonata.experiments.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the files of a sysfs tree that the topology import ({@code SysfsReader} in hw-x86) reads — per CPU its
 * {@code topology/} ids and sibling lists, {@code online} and the caches' level, type and sharing; per NUMA node
 * its {@code cpulist} and {@code meminfo} — so a profile's topology is data committed beside it, not the live
 * {@code /sys} of whichever host runs the spec.
 */
final class SysfsSnapshot {

    private static final List<String> CPU_FILES = List.of("online", "topology/physical_package_id",
            "topology/core_id", "topology/core_cpus_list", "topology/thread_siblings_list", "topology/die_id");
    private static final List<String> CACHE_FILES = List.of("level", "type", "shared_cpu_list");
    private static final List<String> NODE_FILES = List.of("cpulist", "meminfo");
    private static final List<String> HYBRID = List.of("devices/cpu_core/cpus", "devices/cpu_atom/cpus");

    private SysfsSnapshot() {
    }

    /** Copies from {@code sys} (normally {@code /sys}) into {@code target}, which becomes a sysfs root. */
    static void copy(Path sys, Path target) throws IOException {
        Path cpus = sys.resolve("devices/system/cpu");
        if (!Files.isDirectory(cpus)) {
            throw new IOException(sys + ": no devices/system/cpu: not a Linux sysfs");
        }
        for (Path cpu : children(cpus, "cpu\\d+")) {
            for (String f : CPU_FILES) {
                copyIfPresent(sys, target, cpu.resolve(f));
            }
            Path cache = cpu.resolve("cache");
            if (Files.isDirectory(cache)) {
                for (Path index : children(cache, "index\\d+")) {
                    for (String f : CACHE_FILES) {
                        copyIfPresent(sys, target, index.resolve(f));
                    }
                }
            }
        }
        Path nodes = sys.resolve("devices/system/node");
        if (Files.isDirectory(nodes)) {
            for (Path node : children(nodes, "node\\d+")) {
                for (String f : NODE_FILES) {
                    copyIfPresent(sys, target, node.resolve(f));
                }
            }
        }
        for (String f : HYBRID) {
            copyIfPresent(sys, target, sys.resolve(f));
        }
    }

    private static List<Path> children(Path dir, String pattern) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(pattern)).sorted().toList();
        }
    }

    private static void copyIfPresent(Path sys, Path target, Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            Path to = target.resolve(sys.relativize(file).toString());
            Files.createDirectories(to.getParent());
            // sysfs files report a size of 4096 whatever they hold: read the text, not the bytes Files.copy expects
            Files.writeString(to, Files.readString(file));
        }
    }
}
