package org.odonata.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineFactory;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.api.topology.TopologySource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The machines this shell has created, by name. At start it creates {@code default} from the preset named by
 * the framework property {@code odonata.default.machine} ({@code laptop-4c8t} unless set; {@code none} for
 * no default machine), so a new user's first command has a machine to look at. A machine cannot outlive the
 * machine model that built it: when that bundle goes away the shell says which machines go with it, and the
 * {@code hw:} commands stay to say what is missing until it is back (with a new {@code default}).
 */
@Component(service = Machines.class, immediate = true)
public final class Machines {

    static final String DEFAULT_NAME = "default";
    static final String DEFAULT_PRESET = "laptop-4c8t";
    /** Every shell machine gets one sparse, memory-backed NVMe disk with a volatile write cache. */
    static final List<DiskSpec> DEFAULT_DISKS = List.of(new DiskSpec("nvme0", DiskKind.NVME, 8L << 30, 4096, null,
            true));

    private final Map<String, Machine> byName = new TreeMap<>();
    private BundleContext context;
    private String defaultPreset;
    private boolean defaultMade;

    private volatile MachineFactory factory;
    private volatile TopologySource topologies;

    @Activate
    synchronized void activate(BundleContext ctx) {
        context = ctx;
        String preset = ctx.getProperty("odonata.default.machine");
        defaultPreset = preset == null || preset.isBlank() ? DEFAULT_PRESET : preset.trim();
        ensureDefault();
    }

    @Deactivate
    synchronized void deactivate() {
        byName.values().forEach(Machine::close);
        byName.clear();
        context = null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindFactory(MachineFactory f) {
        factory = f;
        ensureDefault();
    }

    synchronized void unbindFactory(MachineFactory f) {
        if (factory == f) {
            factory = null;
            discardAll(f);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindTopologies(TopologySource t) {
        topologies = t;
        ensureDefault();
    }

    synchronized void unbindTopologies(TopologySource t) {
        if (topologies == t) {
            topologies = null;
        }
    }

    TopologySource topologies() {
        return require(topologies);
    }

    static MachineSpec spec(String name, Topology topology, long seed, EngineKind engine) {
        return new MachineSpec(name, topology, CostModel.defaults(), DEFAULT_DISKS, seed, engine);
    }

    /** A kernel's machine: the default disks, plus a memory-backed NVMe swap disk {@code swap0} unless 0. */
    static MachineSpec kernelSpec(String name, Topology topology, CostModel costs, long seed, EngineKind engine,
            long swapBytes) {
        List<DiskSpec> disks = new ArrayList<>(DEFAULT_DISKS);
        if (swapBytes > 0) {
            disks.add(new DiskSpec("swap0", DiskKind.NVME, (swapBytes + 4095) / 4096 * 4096, 4096, null, false));
        }
        return new MachineSpec(name, topology, costs, disks, seed, engine);
    }

    /** The topology with {@code bytes} of memory split evenly over its nodes, in whole pages. */
    static Topology withMemory(Topology t, long bytes) {
        long perNode = bytes / t.nodeCount() / 4096 * 4096;
        if (perNode == 0) {
            throw new IllegalArgumentException("--mem " + bytes + " bytes is less than a page per NUMA node ("
                    + t.nodeCount() + " nodes)");
        }
        List<NumaNode> nodes = new ArrayList<>();
        for (NumaNode n : t.nodes()) {
            nodes.add(new NumaNode(n.id(), perNode));
        }
        return new Topology(t.name(), t.cpus(), nodes);
    }

    synchronized Machine create(MachineSpec spec) {
        if (byName.containsKey(spec.name())) {
            throw new IllegalArgumentException("a machine named '" + spec.name() + "' already exists");
        }
        Machine m = require(factory).create(spec);
        byName.put(spec.name(), m);
        return m;
    }

    synchronized Machine get(String name) {
        Machine m = byName.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no machine named '" + name + "'; machines: "
                    + (byName.isEmpty() ? "(none)" : String.join(", ", byName.keySet())));
        }
        return m;
    }

    synchronized List<Machine> all() {
        return new ArrayList<>(byName.values());
    }

    private void ensureDefault() {
        if (context != null && !defaultMade && factory != null && topologies != null
                && !defaultPreset.equals("none")) {
            defaultMade = true;
            create(spec(DEFAULT_NAME, topologies.preset(defaultPreset), 1, EngineKind.CONTINUATION));
        }
    }

    private void discardAll(Object gone) {
        defaultMade = false;
        if (byName.isEmpty()) {
            return;
        }
        Bundle provider = FrameworkUtil.getBundle(gone.getClass());
        if (context != null && context.getBundle(0).getState() != Bundle.STOPPING) {
            System.out.println("warning: the machine model" + (provider == null ? "" : " (" + provider
                    .getSymbolicName() + ", bundle " + provider.getBundleId() + ")") + " is going away; a machine "
                    + "cannot outlive it, so these hw: machines are discarded: " + String.join(", ", byName.keySet()));
        }
        byName.values().forEach(Machine::close);
        byName.clear();
    }

    private static <T> T require(T service) {
        if (service == null) {
            throw new IllegalStateException("the machine model (org.odonata.hw.x86) is not running: its bundle is "
                    + "stopped or gone; felix:start it (lb lists the bundles)");
        }
        return service;
    }
}
