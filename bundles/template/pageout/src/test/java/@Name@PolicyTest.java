package @PACKAGE@;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.api.vfs.VfsFactory;
import org.odonata.api.vm.VmSpace;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.TopologyService;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;
import org.odonata.vm.VmComponent;

/**
 * A real simulated machine and kernel with the VM (org.odonata:hw-x86, kern, vm; dfly and the reference tokens,
 * test dependencies) run a process limited to 12 resident pages over 64 with a seeded, local reference string,
 * under {@code @NAME@}, through a live swap of the policy. The kernel has no fallback here, so a policy that throws
 * or loses a page fails the test.
 */
class @Name@PolicyTest {

    private static final long PAGE = 4096;
    private static final long MS = 1_000_000L;
    /** The VFS with tmpfs as the root filesystem, as the framework would wire it. */
    private static final VfsFactory VFS = new VfsComponent(new LockFactoryComponent(), List.of(new TmpfsType()));

    @Test
    void aProcessUnderAnRssLimitPagesWithoutFaultThroughALiveSwap() {
        Topology preset = new TopologyService().preset("smp-4");
        List<NumaNode> nodes = preset.nodes().stream()
                .map(n -> new NumaNode(n.id(), (64L << 20) / preset.nodeCount())).toList();
        Machine machine = new MachineFactoryComponent().create(new MachineSpec("test",
                new Topology(preset.name(), preset.cpus(), nodes), CostModel.defaults(),
                List.of(new DiskSpec("swap0", DiskKind.NVME, 256L << 20, 4096, null, false)), 1,
                EngineKind.CONTINUATION));
        try (Kernel kernel = new KernelFactoryComponent(VFS, new VmComponent(new LockFactoryComponent())).boot(machine,
                new DflyFactory(), new LwktTokenFactory(), new @Name@Factory())) {
            long[] faults = {-1};
            kernel.spawn("pager", sys -> {
                long a = sys.mmap(0, 64 * PAGE, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                        VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                sys.setrlimit(VmSpace.RLIMIT_RSS, 12 * PAGE);
                RandomGenerator r = sys.random();
                long f = 0;
                for (int i = 0; i < 4000; i++) {
                    int d = r.nextInt(10);
                    long page = d < 6 ? r.nextInt(8) : d < 9 ? 8 + r.nextInt(16) : 24 + r.nextInt(40);
                    f += sys.touch(a + page * PAGE, 8, (i & 7) == 0);
                }
                faults[0] = f;
            });
            kernel.runFor(5 * MS);
            kernel.vm().swapPolicy(new @Name@Factory());
            kernel.runFor(10_000 * MS);
            assertTrue(kernel.faults().isEmpty(), kernel.faults().toString());
            assertTrue(faults[0] > 24 && faults[0] < 4000, "the process finished, paging: " + faults[0] + " faults");
        }
    }
}
