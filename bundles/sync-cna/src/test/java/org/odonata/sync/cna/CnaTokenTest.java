package org.odonata.sync.cna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.tck.Platform;
import org.odonata.tck.sync.TokenKit;
import org.odonata.tck.sync.TokenRig;
import org.odonata.vfs.VfsComponent;

class CnaTokenTest {

    private static final LockFactoryComponent LOCKS = new LockFactoryComponent();

    /** A real machine, and a kernel wired as the framework wires it (tmpfs root): the kernel-level properties. */
    static final Platform PLATFORM = Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(LOCKS,
            new VfsComponent(LOCKS, List.of(new TmpfsType()))));

    @Test
    void passesTheTokenConformanceKit() {
        TokenKit.assertConforms(new CnaTokenFactory(), PLATFORM);
    }

    /**
     * Waiters from both sockets of server-2s32c64t (CPUs 0–31 on node 0, 32–63 on node 1) queue behind a holder on
     * CPU 0, alternating sockets: the token is handed over on socket 0 while it has waiters, then to socket 1.
     */
    @Test
    void theTokenStaysOnTheReleasersSocketWhileItHasWaiters() {
        TokenRig rig = new TokenRig(new CnaTokenFactory());
        TokenLock token = rig.token("vm");
        List<Integer> served = new ArrayList<>();
        rig.spawn("holder", 0, () -> {
            assertTrue(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE));
            rig.work(0, 300_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        int[] arrivals = {33, 2, 40, 9, 51, 17, 60, 25};
        for (int i = 0; i < arrivals.length; i++) {
            int cpu = arrivals[i];
            rig.spawn("cpu" + cpu, 1_000 + i * 2_000L, () -> {
                assertTrue(token.acquire(cpu, cpu, TokenMode.EXCLUSIVE, TokenRig.FOREVER));
                served.add(cpu);
                rig.work(cpu, 1_000);
                token.release(cpu, cpu, TokenMode.EXCLUSIVE);
            });
        }
        rig.runToCompletion();
        assertEquals(List.of(2, 9, 17, 25, 33, 40, 51, 60), served, "socket 0 first, each socket in arrival order");
    }
}
