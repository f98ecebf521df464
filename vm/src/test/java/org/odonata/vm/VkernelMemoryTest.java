package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.TopologySpec;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/** A vkernel guest's memory is its host process's address space (issue 12 §4). */
class VkernelMemoryTest {

    static final long PAGE = 4096;
    static final long MIB = 1L << 20;

    private static Kernel guest(Kernel host, long memBytes) {
        Topology t = new TopologySpec("vk", 1, 2, 1, 1, 1, 1).toTopology();
        Topology sized = new Topology(t.name(), t.cpus(), List.of(new NumaNode(0, memBytes)));
        Machine m = new MachineFactoryComponent().create(new MachineSpec("guest", sized, CostModel.defaults(),
                List.of(), 1, EngineKind.CONTINUATION), host.machine().engine());
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())),
                new VmComponent(locks)).bootVkernel(host, m, new DflyFactory(), new LwktTokenFactory(),
                        TestLru.factory());
    }

    /** A guest process that writes {@code pages} pages, then keeps them. */
    private static void toucher(Kernel g, long pages) {
        g.spawn("toucher", sys -> {
            long a = sys.mmap(0, pages * PAGE, FaultPathTest.RW, FaultPathTest.ANON, -1, 0);
            while (true) {
                sys.touch(a, pages * PAGE, true);
                sys.nanosleep(10_000_000L);
            }
        });
    }

    @Test
    void guestPagesAreHostPagesOfTheVkernelProcessAndAKillFreesThemAll() {
        try (Kernel host = VmKernels.boot("smp-4", 256 * MIB, TestLru.factory())) {
            long before = host.vm().stats().residentPages();
            Kernel g = guest(host, 32 * MIB);
            toucher(g, 2048);
            host.runFor(500_000_000L);
            long inGuest = g.vm().stats().residentPages();
            long inHost = host.vm().stats().residentPages() - before;
            assertTrue(inGuest >= 2048, "the guest holds its process's pages: " + g.vm().stats());
            // every guest frame in use is a host page of the vkernel process (the guest's own page tables and
            // frames freed back to the guest stay backed too)
            assertTrue(inHost >= inGuest, "host pages " + inHost + " for " + inGuest + " guest pages");
            assertTrue(inHost <= 32 * MIB / PAGE, "no more than the guest's memory: " + inHost);
            assertTrue(host.vm().stats().zeroFills() >= inGuest, "the host faulted them in");

            assertTrue(host.kill(g.vkernel().hostPid(), 9));
            host.runFor(100_000_000L);
            assertFalse(g.vkernel().alive());
            assertEquals(before, host.vm().stats().residentPages(), "the kill freed every page of the guest");
        }
    }

    @Test
    void hostFaultsForGuestMemoryKeepRunsReproducible() {
        assertEquals(digests(), digests());
    }

    private static List<String> digests() {
        try (Kernel host = VmKernels.boot("smp-4", 64 * MIB, TestLru.factory())) {
            Kernel g = guest(host, 16 * MIB);
            toucher(g, 1024);
            host.runFor(100_000_000L);
            return List.of(host.digest(), g.digest());
        }
    }

    @Test
    void aGuestCannotUseMoreHostMemoryThanItsLimit() {
        try (Kernel host = VmKernels.boot("smp-4", 256 * MIB, TestLru.factory())) {
            long before = host.vm().stats().residentPages();
            Kernel g = guest(host, 8 * MIB);
            // 12 MiB of writes in an 8 MiB guest without swap: the guest kills its process, the host never sees more
            toucher(g, 3072);
            host.runFor(300_000_000L);
            assertTrue(g.faults().stream().anyMatch(f -> f.contains("out of swap")),
                    "the guest's own VM, not the host, ran out: " + g.faults());
            assertTrue(g.vkernel().alive(), "the guest lives on");
            long inHost = host.vm().stats().residentPages() - before;
            assertTrue(inHost > 0, "the guest used host memory");
            assertTrue(inHost <= 8 * MIB / PAGE, "host pages " + inHost + " > the guest's 2048");
        }
    }
}
