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
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/**
 * A real simulated machine and kernel (org.odonata:hw-x86, kern; dfly and the reference tokens, test
 * dependencies) run processes contending for one token under {@code @NAME@}, through live swaps to the reference
 * implementation and back. The kernel has no fallback here, so an implementation that throws fails the test.
 */
class @Name@LockTest {

    private static final long MS = 1_000_000L;
    /** The VFS with tmpfs as the root filesystem, as the framework would wire it. */
    private static final VfsFactory VFS = new VfsComponent(new LockFactoryComponent(), List.of(new TmpfsType()));

    @Test
    void exclusiveHoldersNeverOverlapAndEveryProcessGetsTheToken() {
        Kernel kernel = new KernelFactoryComponent(VFS).boot(new MachineFactoryComponent().create(
                MachineSpec.of("test", new TopologyService().preset("laptop-4c8t"))), new DflyFactory(),
                new @Name@Factory());
        int[] inside = {0};
        int[] most = {0};
        long[] holds = new long[8];
        for (int i = 0; i < holds.length; i++) {
            int me = i;
            kernel.spawn("contender", sys -> {
                while (true) {
                    sys.withToken("shared-thing", false, () -> {
                        most[0] = Math.max(most[0], ++inside[0]);
                        sys.computeInKernel(300);
                        inside[0]--;
                        holds[me]++;
                    });
                    sys.compute(300);
                }
            });
        }
        kernel.runFor(100 * MS);
        kernel.swapTokens(new LwktTokenFactory());
        kernel.runFor(20 * MS);
        kernel.swapTokens(new @Name@Factory());
        kernel.runFor(100 * MS);
        assertEquals("@NAME@", kernel.tokens());
        assertEquals(1, most[0], "two exclusive holders at once");
        for (int i = 0; i < holds.length; i++) {
            assertTrue(holds[i] > 0, "process " + i + " never got the token");
        }
        assertTrue(kernel.faults().isEmpty(), kernel.faults().toString());
    }
}
