package org.odonata.experiments.spec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.odonata.api.kern.Sysctl;
import org.odonata.experiments.workload.Param;

/**
 * What a spec may name: topology presets, user schedulers, token implementations, pageout policies, workload
 * types and kernel tunables, as the running framework (or a test) offers them, and the size of the machines it describes. The
 * spec reader checks names and CPU numbers against it before anything runs.
 */
public interface Catalog {

    List<String> presets();

    Set<String> schedulers();

    Set<String> tokens();

    Set<String> workloadTypes();

    /** The pageout policies a variant's {@code vm:} may name; empty when unknown (then any name passes here). */
    default Set<String> pageoutPolicies() {
        return Set.of();
    }

    /** The kernel's tunables with their defaults; empty when unknown (then any name is passed to the kernel). */
    List<Sysctl> sysctls();

    /** The declared parameters of a workload type, or empty when it takes free-form {@code args}. */
    Optional<List<Param>> parameters(String type);

    /** The root filesystem types a kernel can boot with; empty when unknown (then any name is passed on). */
    default Set<String> filesystems() {
        return Set.of();
    }

    /** How many CPUs the machine {@code machine} describes has, or empty when that is not known before a trial. */
    OptionalInt cpuCount(MachineConfig machine);

    /**
     * Why the machine {@code machine} describes cannot be built (a topology file that is not hwloc XML or a sysfs
     * tree, too many CPUs), read before any trial runs; empty when it can be, or when that is not known.
     */
    default Optional<String> machineProblem(MachineConfig machine) {
        return Optional.empty();
    }
}
