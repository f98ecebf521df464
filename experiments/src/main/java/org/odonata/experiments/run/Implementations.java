package org.odonata.experiments.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import org.odonata.api.kern.KernelFactory;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.kern.Workload;
import org.odonata.api.machine.MachineFactory;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.topology.Topology;
import org.odonata.api.topology.TopologySource;
import org.odonata.experiments.spec.Catalog;
import org.odonata.experiments.spec.MachineConfig;
import org.odonata.experiments.workload.Param;
import org.odonata.experiments.workload.SimWorkload;

/**
 * Everything a trial is built from, by name: the machine model, the kernel, the user schedulers, the token
 * implementations and the workloads. In the framework these are the OSGi services of the moment; in tests,
 * the implementation classes themselves. Immutable, so trials on several host threads share it.
 */
public record Implementations(MachineFactory machines, TopologySource topologies, KernelFactory kernels,
        Map<String, UserSchedulerFactory> schedulerFactories, Map<String, TokenAlgorithmFactory> tokenFactories,
        Map<String, Workload> workloadServices, Map<String, PageoutPolicyFactory> pageoutFactories)
        implements Catalog {

    /** The pageout policy a kernel gets when a workload needs a VM and the variant names none. */
    public static final String REFERENCE_PAGEOUT = "dfly";

    public Implementations {
        schedulerFactories = Map.copyOf(schedulerFactories);
        tokenFactories = Map.copyOf(tokenFactories);
        workloadServices = Map.copyOf(workloadServices);
        pageoutFactories = Map.copyOf(pageoutFactories);
    }

    /** Maps each implementation by its own name; no pageout policies (kernels without VM). */
    public static Implementations of(MachineFactory machines, TopologySource topologies, KernelFactory kernels,
            List<UserSchedulerFactory> schedulers, List<TokenAlgorithmFactory> tokens, List<Workload> workloads) {
        return of(machines, topologies, kernels, schedulers, tokens, workloads, List.of());
    }

    /** Maps each implementation by its own name. */
    public static Implementations of(MachineFactory machines, TopologySource topologies, KernelFactory kernels,
            List<UserSchedulerFactory> schedulers, List<TokenAlgorithmFactory> tokens, List<Workload> workloads,
            List<PageoutPolicyFactory> pageouts) {
        Map<String, UserSchedulerFactory> s = new TreeMap<>();
        schedulers.forEach(f -> s.put(f.name(), f));
        Map<String, TokenAlgorithmFactory> t = new TreeMap<>();
        tokens.forEach(f -> t.put(f.name(), f));
        Map<String, Workload> w = new TreeMap<>();
        workloads.forEach(f -> w.put(f.name(), f));
        Map<String, PageoutPolicyFactory> p = new TreeMap<>();
        pageouts.forEach(f -> p.put(f.name(), f));
        return new Implementations(machines, topologies, kernels, s, t, w, p);
    }

    /** @throws IllegalArgumentException naming the available ones */
    public PageoutPolicyFactory pageout(String name) {
        return find(pageoutFactories, name, "pageout policy");
    }

    /** Whether a workload type needs a kernel with a VM. */
    public boolean needsVm(String type) {
        return workloadServices.get(type) instanceof SimWorkload s && s.needsVm();
    }

    /** @throws IllegalArgumentException naming the available ones */
    public UserSchedulerFactory scheduler(String name) {
        return find(schedulerFactories, name, "user scheduler");
    }

    /** @throws IllegalArgumentException naming the available ones */
    public TokenAlgorithmFactory token(String name) {
        return find(tokenFactories, name, "token implementation");
    }

    /** @throws IllegalArgumentException naming the available ones */
    public Workload workload(String name) {
        return find(workloadServices, name, "workload");
    }

    /**
     * The topology of the machine a spec's {@code machine:} section describes.
     *
     * @throws IllegalArgumentException when the preset is unknown or the file or map does not describe a machine
     */
    public Topology topology(MachineConfig mc) {
        if (mc.preset() != null) {
            return topologies.preset(mc.preset());
        }
        if (mc.topologyFile() != null) {
            return topologies.load(mc.topologyFile());
        }
        return topologies.fromSpec(mc.inline());
    }

    /** A symmetric topology from its keys, as {@code machine.topology} gives them inline. */
    public Topology topologyOf(Map<String, ?> spec) {
        return topologies.fromSpec(spec);
    }

    /** Empty when there is no topology source or {@code machine} is invalid (which the trial then reports). */
    @Override
    public OptionalInt cpuCount(MachineConfig machine) {
        if (topologies == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(topology(machine).cpuCount());
        } catch (IllegalArgumentException invalid) {
            return OptionalInt.empty();
        }
    }

    /** Reads the topology (a file is parsed whole) and checks its size against {@link MachineSpec#MAX_CPUS}. */
    @Override
    public Optional<String> machineProblem(MachineConfig machine) {
        if (topologies == null) {
            return Optional.empty();
        }
        try {
            Topology t = topology(machine);
            return t.cpuCount() > MachineSpec.MAX_CPUS ? Optional.of(t.name() + " has " + t.cpuCount()
                    + " CPUs; a simulated machine has at most " + MachineSpec.MAX_CPUS) : Optional.empty();
        } catch (IllegalArgumentException invalid) {
            return Optional.of(invalid.getMessage());
        }
    }

    @Override
    public List<String> presets() {
        return topologies == null ? List.of() : topologies.presets();
    }

    @Override
    public Set<String> schedulers() {
        return new java.util.TreeSet<>(schedulerFactories.keySet());
    }

    @Override
    public Set<String> tokens() {
        return new java.util.TreeSet<>(tokenFactories.keySet());
    }

    @Override
    public Set<String> pageoutPolicies() {
        return new java.util.TreeSet<>(pageoutFactories.keySet());
    }

    @Override
    public Set<String> workloadTypes() {
        return new java.util.TreeSet<>(workloadServices.keySet());
    }

    @Override
    public List<Sysctl> sysctls() {
        return kernels == null ? List.of() : kernels.sysctls();
    }

    @Override
    public Set<String> filesystems() {
        return kernels == null ? Set.of() : new java.util.TreeSet<>(kernels.filesystems());
    }

    @Override
    public Optional<List<Param>> parameters(String type) {
        return workloadServices.get(type) instanceof SimWorkload s ? Optional.of(s.parameters()) : Optional.empty();
    }

    private static <T> T find(Map<String, T> map, String name, String what) {
        T t = map.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no " + what + " '" + name + "'; available: "
                    + String.join(", ", new TreeMap<>(map).keySet()));
        }
        return t;
    }
}
