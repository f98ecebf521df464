package org.odonata.experiments.spec;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.odonata.api.kern.Sysctl;
import org.odonata.experiments.workload.Param;

/**
 * What a spec may name: topology presets, user schedulers, token implementations, workload types and kernel
 * tunables, as the running framework (or a test) offers them. The spec reader checks names against it before
 * anything runs.
 */
public interface Catalog {

    List<String> presets();

    Set<String> schedulers();

    Set<String> tokens();

    Set<String> workloadTypes();

    /** The kernel's tunables with their defaults; empty when unknown (then any name is passed to the kernel). */
    List<Sysctl> sysctls();

    /** The declared parameters of a workload type, or empty when it takes free-form {@code args}. */
    Optional<List<Param>> parameters(String type);
}
