package @PACKAGE@;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.vfs.VfsFactory;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.TopologyService;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/**
 * A real simulated machine and kernel (org.odonata:hw-x86 and kern, test dependencies) run LWPs under
 * {@code @NAME@} through a live swap and a CPU going offline. The kernel has no fallback here, so a scheduler that
 * throws or makes an impossible decision (an offline CPU, an LWP it was not given) fails the test with its error.
 */
class @Name@SchedulerTest {

    private static final long MS = 1_000_000L;
    /** The VFS with tmpfs as the root filesystem, as the framework would wire it. */
    private static final VfsFactory VFS = new VfsComponent(new LockFactoryComponent(), List.of(new TmpfsType()));

    @Test
    void aKernelRunsUnder@Name@ThroughASwapAndACpuGoingOffline() {
        Kernel kernel = new KernelFactoryComponent(VFS).boot(new MachineFactoryComponent().create(
                MachineSpec.of("test", new TopologyService().preset("laptop-4c8t"))), new @Name@Factory(),
                new LwktTokenFactory());
        for (int i = 0; i < 12; i++) {
            kernel.spawn("hog", sys -> {
                while (true) {
                    sys.compute(200_000);
                }
            });
        }
        kernel.runFor(200 * MS);
        kernel.swapScheduler(new @Name@Factory());
        kernel.setCpuOnline(3, false);
        kernel.runFor(200 * MS);
        assertEquals("@NAME@", kernel.scheduler());
        assertEquals(12, kernel.processes(), "every hog still exists");
        assertTrue(kernel.faults().isEmpty(), kernel.faults().toString());
        assertTrue(kernel.stats().contextSwitches() > 12, "the hogs took turns: " + kernel.stats());
    }
}
