package org.odonata.vm;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.api.vfs.RootFs;
import org.odonata.fs.hammer.vfs.HammerType;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/** Real kernels with this VM on real simulated machines, for the VM's tests and the pageout bundles'. */
public final class VmKernels {

    private VmKernels() {
    }

    /** A machine of {@code preset} with {@code memBytes} of memory split over its nodes, and a swap disk. */
    public static Machine machine(String preset, long memBytes, long swapBytes, long seed) {
        return machine(preset, memBytes, swapBytes, seed, List.of());
    }

    /** As {@link #machine(String, long, long, long)}, with {@code first} disks before the swap disk. */
    public static Machine machine(String preset, long memBytes, long swapBytes, long seed, List<DiskSpec> first) {
        Topology t = Presets.topology(preset);
        List<NumaNode> nodes = new ArrayList<>();
        for (NumaNode n : t.nodes()) {
            nodes.add(new NumaNode(n.id(), memBytes / t.nodeCount() / 4096 * 4096));
        }
        List<DiskSpec> disks = new ArrayList<>(first);
        if (swapBytes > 0) {
            disks.add(new DiskSpec("swap0", DiskKind.NVME, swapBytes, 4096, null, false));
        }
        return new MachineFactoryComponent().create(new MachineSpec("vmtest",
                new Topology(t.name(), t.cpus(), nodes), CostModel.defaults(), disks, seed, EngineKind.CONTINUATION));
    }

    /** Boots dfly and lwkt tokens with a VM reclaiming with {@code policy}. */
    public static Kernel boot(Machine machine, PageoutPolicyFactory policy) {
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())),
                new VmComponent(locks))
                .boot(machine, new DflyFactory(), new LwktTokenFactory(), policy);
    }

    /** Boots with HAMMER as the root filesystem on the machine's first disk (made there if it is blank). */
    public static Kernel bootHammer(Machine machine, PageoutPolicyFactory policy) {
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks,
                new VfsComponent(locks, List.of(new TmpfsType(), new HammerType(locks))), new VmComponent(locks))
                .boot(machine, new DflyFactory(), new LwktTokenFactory(), policy, new RootFs("hammer", null));
    }

    /** An NVMe disk {@code nvme0} for a HAMMER root, backed by the host file {@code image} (or memory when null). */
    public static DiskSpec nvme(long bytes, String image) {
        return new DiskSpec("nvme0", DiskKind.NVME, bytes, 4096, image, true);
    }

    public static Kernel boot(String preset, long memBytes, PageoutPolicyFactory policy) {
        return boot(machine(preset, memBytes, 256L << 20, 1), policy);
    }
}
