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
import org.odonata.api.vm.VmStats;
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
            // every guest frame the guest touched is a host page of the vkernel process (frames freed back to the
            // guest stay backed too)
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

    /** Guest pages of a 32 MiB guest that a 16 MiB host cannot keep: the host must page guest frames out. */
    static final long WORKING_SET = 6000;

    @Test
    void hostMemoryPressurePagesGuestFramesOutAndTheGuestsNextAccessTakesAHostFault() {
        try (Kernel host = VmKernels.boot("smp-4", 16 * MIB, TestLru.factory())) {
            long residentBefore = host.vm().stats().residentPages();
            long swapBefore = host.vm().stats().swapUsed();
            Kernel g = guest(host, 32 * MIB);
            toucher(g, WORKING_SET);
            host.runFor(300_000_000L);
            VmStats hs = host.vm().stats();
            assertTrue(hs.swapOuts() > 0 && hs.swapIns() > 0, "the host paged guest frames out and in: " + hs);
            long hostFaults = g.counters().get("vkernel.host_faults");
            assertTrue(hostFaults >= hs.swapIns(), "every host swap-in was a guest access's host fault: "
                    + hostFaults + " for " + hs.swapIns() + " swap-ins");
            assertTrue(g.counters().get("vkernel.host_fault_ns") > 0, "the guest waited for them");
            VmStats gs = g.vm().stats();
            assertEquals(0, gs.swapOuts(), "the guest itself had room (it has no swap): " + gs);
            assertTrue(gs.residentPages() >= WORKING_SET, "the guest thinks its pages resident: " + gs);
            // containment: the guest's pages are a 32 MiB mapping; the host holds what its memory allows
            long inHost = hs.residentPages() - residentBefore;
            assertTrue(inHost < WORKING_SET, "host memory pressure left the guest less than its working set: " + inHost);
            assertTrue(g.vkernel().alive());

            assertTrue(host.kill(g.vkernel().hostPid(), 9));
            host.runFor(100_000_000L);
            assertFalse(g.vkernel().alive());
            assertEquals(residentBefore, host.vm().stats().residentPages(), "the kill freed every resident page");
            assertEquals(swapBefore, host.vm().stats().swapUsed(), "and every host swap slot of the guest");
        }
    }

    /** What the guest's checker saw: pages compared, pages that differed, host faults taken while reading back. */
    private static final class Checked {
        long pages;
        long differing;
        long hostFaultsReading = -1;
    }

    @Test
    void aGuestsDataSurvivesTheRoundTripThroughHostSwap() {
        try (Kernel host = VmKernels.boot("smp-4", 16 * MIB, TestLru.factory())) {
            Kernel g = guest(host, 32 * MIB);
            Checked c = new Checked();
            int pattern = 512;
            g.spawn("checker", sys -> {
                long a = sys.mmap(0, pattern * PAGE, FaultPathTest.RW, FaultPathTest.ANON, -1, 0);
                byte[] page = new byte[(int) PAGE];
                for (int i = 0; i < pattern; i++) {
                    fill(page, i);
                    sys.store(a + i * PAGE, page, 0, page.length);
                }
                // a working set the host cannot hold pushes the pattern out to host swap
                long filler = WORKING_SET;
                long b = sys.mmap(0, filler * PAGE, FaultPathTest.RW, FaultPathTest.ANON, -1, 0);
                sys.touch(b, filler * PAGE, true);
                long before = g.counters().get("vkernel.host_faults");
                byte[] want = new byte[(int) PAGE];
                for (int i = 0; i < pattern; i++) {
                    sys.load(a + i * PAGE, page, 0, page.length);
                    fill(want, i);
                    c.pages++;
                    if (!java.util.Arrays.equals(page, want)) {
                        c.differing++;
                    }
                }
                c.hostFaultsReading = g.counters().get("vkernel.host_faults") - before;
                while (true) {
                    sys.nanosleep(10_000_000L);
                }
            });
            host.runFor(400_000_000L);
            assertEquals(pattern, c.pages, "the checker finished: " + g.faults());
            assertEquals(0, c.differing, "pages read back unlike what was written");
            assertTrue(c.hostFaultsReading >= pattern,
                    "every pattern page came back from host swap: " + c.hostFaultsReading + " host faults");
        }
    }

    /** Page {@code i}'s pattern: no two pages alike, no page of zeros. */
    private static void fill(byte[] page, int i) {
        for (int j = 0; j < page.length; j++) {
            page[j] = (byte) (i * 31 + j * 7 + 1);
        }
    }

    @Test
    void aGuestWithAVmOnAHostWithoutOneKeepsItsData() {
        LockFactoryComponent locks = new LockFactoryComponent();
        try (Kernel host = new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())))
                .boot(VmKernels.machine("smp-4", 64 * MIB, 0, 1), new DflyFactory(), new LwktTokenFactory())) {
            Kernel g = guest(host, 16 * MIB);
            Checked c = new Checked();
            g.spawn("checker", sys -> {
                long a = sys.mmap(0, 64 * PAGE, FaultPathTest.RW, FaultPathTest.ANON, -1, 0);
                byte[] page = new byte[(int) PAGE];
                byte[] want = new byte[(int) PAGE];
                for (int i = 0; i < 64; i++) {
                    fill(page, i);
                    sys.store(a + i * PAGE, page, 0, page.length);
                }
                for (int i = 0; i < 64; i++) {
                    sys.load(a + i * PAGE, page, 0, page.length);
                    fill(want, i);
                    c.pages++;
                    c.differing += java.util.Arrays.equals(page, want) ? 0 : 1;
                }
                while (true) {
                    sys.nanosleep(10_000_000L);
                }
            });
            host.runFor(50_000_000L);
            assertEquals(64, c.pages, "the checker finished: " + g.faults());
            assertEquals(0, c.differing);
            assertEquals(0, g.counters().get("vkernel.host_faults"), "no host VM, no host faults");
        }
    }

    @Test
    void hostPagingOfAGuestIsReproducible() {
        assertEquals(pressuredDigests(), pressuredDigests());
    }

    private static List<Object> pressuredDigests() {
        try (Kernel host = VmKernels.boot("smp-4", 16 * MIB, TestLru.factory())) {
            Kernel g = guest(host, 32 * MIB);
            toucher(g, WORKING_SET);
            host.runFor(100_000_000L);
            assertTrue(host.vm().stats().swapIns() > 0, "the host paged the guest: " + host.vm().stats());
            return List.of(host.digest(), g.digest(), g.counters(), host.vm().stats());
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
