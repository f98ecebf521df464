package org.odonata.sync.ttas;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

class TtasTokenTest {

    private static final LockFactoryComponent LOCKS = new LockFactoryComponent();

    /** A real machine, and a kernel wired as the framework wires it (tmpfs root): the kernel-level properties. */
    static final Platform PLATFORM = Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(LOCKS,
            new VfsComponent(LOCKS, List.of(new TmpfsType()))));

    @Test
    void passesTheTokenConformanceKit() {
        TokenKit.assertConforms(new TtasTokenFactory(), PLATFORM);
    }

    /** CAS failures under contention: how much CPU time waiters burn backing off. */
    private static long backoffCycles(int waiters) {
        TokenRig rig = new TokenRig(new TtasTokenFactory());
        TokenLock token = rig.token("mp");
        long[] charged = new long[1];
        for (int i = 0; i < waiters; i++) {
            int cpu = i * 2;
            rig.spawn("cpu" + cpu, 0, () -> {
                long before = rig.cpu(cpu).cyclesCharged();
                for (int r = 0; r < 10; r++) {
                    rig.lock(token, cpu, cpu, TokenMode.EXCLUSIVE);
                    rig.work(cpu, 500);
                    token.release(cpu, cpu, TokenMode.EXCLUSIVE);
                }
                charged[0] += rig.cpu(cpu).cyclesCharged() - before - 10 * 500;
            });
        }
        rig.runToCompletion();
        return charged[0] / (10L * waiters);
    }

    @Test
    void moreWaitersMeanMoreCollisionsAndLongerBackoffPerHold() {
        long few = backoffCycles(2);
        long many = backoffCycles(24);
        assertTrue(many > 2 * few, "cycles charged per hold beyond the hold: " + few + " with 2 CPUs, " + many
                + " with 24");
    }
}
