package org.odonata.sched.lwkt.dfly;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.tck.Platform;
import org.odonata.tck.sched.SchedulerKit;
import org.odonata.vfs.VfsComponent;

public class DflyContractTest {

    private static final LockFactoryComponent LOCKS = new LockFactoryComponent();

    /** A real machine, and a kernel wired as the framework wires it (tmpfs root): the kernel-level properties. */
    public static final Platform PLATFORM = Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(LOCKS,
            new VfsComponent(LOCKS, List.of(new TmpfsType()))));

    @Test
    void passesTheSchedulerConformanceKit() {
        SchedulerKit.assertConforms(new DflyFactory(), PLATFORM);
    }
}
