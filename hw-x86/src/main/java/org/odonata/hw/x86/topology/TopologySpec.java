package org.odonata.hw.x86.topology;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.odonata.api.machine.MachineSpec;
import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.Topology;

/**
 * A symmetric machine as an experiment spec's {@code machine:} section describes it. The map comes from
 * whichever YAML parser the spec layer uses, so only plain values are expected: strings and integers.
 * Presets are specs too, which keeps a single way of building synthetic machines.
 *
 * @param memoryPerNodeGiB memory of each NUMA node in GiB
 */
public record TopologySpec(String name, int packages, int coresPerPackage, int threadsPerCore, int l3PerPackage,
        int numaPerPackage, long memoryPerNodeGiB) {

    private static final String SECTION = "machine";
    private static final List<String> KEYS = List.of("name", "packages", "coresPerPackage", "threadsPerCore",
            "l3PerPackage", "numaPerPackage", "memoryPerNodeGiB");
    private static final Set<String> REQUIRED = Set.of("packages", "coresPerPackage", "threadsPerCore");

    public TopologySpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(SECTION + ": 'name' must not be blank");
        }
        positive("packages", packages);
        positive("coresPerPackage", coresPerPackage);
        positive("threadsPerCore", threadsPerCore);
        positive("l3PerPackage", l3PerPackage);
        positive("numaPerPackage", numaPerPackage);
        if (memoryPerNodeGiB < 0) {
            throw new IllegalArgumentException(SECTION + ": 'memoryPerNodeGiB' must not be negative, found "
                    + memoryPerNodeGiB);
        }
        divides("l3PerPackage", l3PerPackage, coresPerPackage);
        divides("numaPerPackage", numaPerPackage, coresPerPackage);
        // checked before a CPU is allocated: 1000 x 1000 x 8 would take the heap long before MachineSpec sees it
        long cpus = (long) packages * coresPerPackage * threadsPerCore;
        if (cpus > MachineSpec.MAX_CPUS) {
            throw new IllegalArgumentException(SECTION + ": " + packages + " packages x " + coresPerPackage
                    + " cores x " + threadsPerCore + " threads = " + cpus + " CPUs; a simulated machine has at most "
                    + MachineSpec.MAX_CPUS);
        }
    }

    /**
     * @param map the {@code machine:} section; keys as in {@link #toMap()}, only the three counts required
     * @throws IllegalArgumentException naming the key and what was expected
     */
    public static TopologySpec parse(Map<String, ?> map) {
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(SECTION + ": unknown key '" + key + "'; valid keys: "
                        + String.join(", ", KEYS));
            }
        }
        for (String key : KEYS) {
            if (REQUIRED.contains(key) && map.get(key) == null) {
                throw new IllegalArgumentException(SECTION + ": missing key '" + key + "' (a positive integer)");
            }
        }
        int packages = (int) integer(map, "packages", 0, Integer.MAX_VALUE);
        int cores = (int) integer(map, "coresPerPackage", 0, Integer.MAX_VALUE);
        int threads = (int) integer(map, "threadsPerCore", 0, Integer.MAX_VALUE);
        Object name = map.get("name");
        if (name != null && !(name instanceof String)) {
            throw wrongType("name", "a string", name);
        }
        return new TopologySpec(name == null ? defaultName(packages, cores, threads) : (String) name, packages,
                cores, threads, (int) integer(map, "l3PerPackage", 1, Integer.MAX_VALUE),
                (int) integer(map, "numaPerPackage", 1, Integer.MAX_VALUE),
                integer(map, "memoryPerNodeGiB", 16, Long.MAX_VALUE >> 30));
    }

    /** The spec as the map {@link #parse} reads, every key present; round-trips exactly. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("packages", packages);
        map.put("coresPerPackage", coresPerPackage);
        map.put("threadsPerCore", threadsPerCore);
        map.put("l3PerPackage", l3PerPackage);
        map.put("numaPerPackage", numaPerPackage);
        map.put("memoryPerNodeGiB", memoryPerNodeGiB);
        return map;
    }

    /** L3 domains and nodes split each package's cores into equal consecutive runs; OS index = CPU id. */
    public Topology toTopology() {
        int coresPerL3 = coresPerPackage / l3PerPackage;
        int coresPerNode = coresPerPackage / numaPerPackage;
        List<RawCpu> cpus = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            for (int c = 0; c < coresPerPackage; c++) {
                for (int t = 0; t < threadsPerCore; t++) {
                    cpus.add(new RawCpu(cpus.size(), p, p * l3PerPackage + c / coresPerL3, p * coresPerPackage + c,
                            p * numaPerPackage + c / coresPerNode, CoreKind.UNIFORM));
                }
            }
        }
        List<RawNode> nodes = new ArrayList<>();
        for (int n = 0; n < packages * numaPerPackage; n++) {
            nodes.add(new RawNode(n, memoryPerNodeGiB << 30));
        }
        return TopologyAssembler.assemble(name, "spec " + name, cpus, nodes);
    }

    private static String defaultName(int packages, int coresPerPackage, int threadsPerCore) {
        long cores = (long) packages * coresPerPackage;
        return packages + "s" + cores + "c" + cores * threadsPerCore + "t";
    }

    private static long integer(Map<String, ?> map, String key, long absent, long max) {
        Object value = map.get(key);
        if (value == null) {
            return absent;
        }
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
        if (!integral) {
            throw wrongType(key, "an integer", value);
        }
        BigInteger big = value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
        if (big.signum() < 0 || big.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException(SECTION + ": '" + key + "' expects an integer from 0 to " + max
                    + ", found " + value);
        }
        return big.longValue();
    }

    private static IllegalArgumentException wrongType(String key, String expected, Object found) {
        return new IllegalArgumentException(SECTION + ": '" + key + "' expects " + expected + ", found "
                + found.getClass().getSimpleName() + " '" + found + "'");
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(SECTION + ": '" + key + "' must be at least 1, found " + value);
        }
    }

    private static void divides(String key, int parts, int coresPerPackage) {
        if (coresPerPackage % parts != 0) {
            throw new IllegalArgumentException(SECTION + ": '" + key + "' (" + parts
                    + ") must divide coresPerPackage (" + coresPerPackage + ")");
        }
    }
}
