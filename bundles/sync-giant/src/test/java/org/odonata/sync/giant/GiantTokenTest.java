package org.odonata.sync.giant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.odonata.tck.PropertyResult;
import org.odonata.tck.TckReport;
import org.odonata.tck.Verdict;
import org.odonata.tck.sync.TokenKit;
import org.odonata.tck.sync.TokenRig;
import org.odonata.vfs.VfsComponent;

class GiantTokenTest {

    private static final LockFactoryComponent LOCKS = new LockFactoryComponent();

    /** A real machine, and a kernel wired as the framework wires it (tmpfs root): the kernel-level properties. */
    static final Platform PLATFORM = Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(LOCKS,
            new VfsComponent(LOCKS, List.of(new TmpfsType()))));

    @Test
    void passesTheTokenConformanceKitWithoutClaimingCoexistingReaders() {
        TckReport report = TokenKit.run(new GiantTokenFactory(), PLATFORM);
        report.assertPassed();
        assertEquals(Verdict.NOT_CLAIMED, report.results().stream().filter(r -> r.property().equals("shared-coexist"))
                .map(PropertyResult::verdict).findFirst().orElseThrow());
    }

    @Test
    void holdingOneTokenKeepsEveryOtherTokenOutAndTheHolderTakesThemAll() {
        TokenRig rig = new TokenRig(new GiantTokenFactory());
        TokenLock vm = rig.token("vm");
        TokenLock vnode = rig.token("vnode");
        rig.spawn("holder", 0, () -> {
            assertTrue(vm.tryAcquire(0, 1, TokenMode.SHARED));
            assertTrue(vnode.tryAcquire(0, 1, TokenMode.EXCLUSIVE), "the holder takes another token recursively");
            rig.work(0, 30_000);
            vnode.release(0, 1, TokenMode.EXCLUSIVE);
            vm.release(0, 1, TokenMode.SHARED);
        });
        rig.spawn("other", 1_000, () -> {
            assertFalse(vnode.tryAcquire(40, 2, TokenMode.SHARED), "an unrelated token is taken too");
            assertFalse(vm.tryAcquire(40, 2, TokenMode.SHARED), "readers do not share the giant lock");
            assertTrue(vnode.acquire(40, 2, TokenMode.SHARED, TokenRig.FOREVER));
            vnode.release(40, 2, TokenMode.SHARED);
        });
        rig.runToCompletion();
        assertTrue(vnode.spinCycles() > 0 && vm.spinCycles() == 0, "spinning is counted where it happened");
    }
}
