package org.odonata.sync.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sync.conformance.QueueLockConformanceTest;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.tck.Platform;
import org.odonata.tck.sync.TokenRig;
import org.odonata.vfs.VfsComponent;

class TicketTokenTest extends QueueLockConformanceTest {

    @Override
    protected TokenAlgorithmFactory factory() {
        return new TicketTokenFactory();
    }

    @Override
    protected Platform platform() {
        LockFactoryComponent locks = new LockFactoryComponent();
        return Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(locks, new VfsComponent(locks,
                List.of(new TmpfsType()))));
    }

    @Test
    void theFactoryIsNamedTicket() {
        assertEquals("ticket", factory().name());
    }

    @Test
    void everyHandOffMakesEverySpinnerFetchTheSharedLineAgain() {
        double few = transfersPerHandOff(new TokenRig(factory()), 2);
        double many = transfersPerHandOff(new TokenRig(factory()), 16);
        assertTrue(many > 3 * few, "transfers per hand-off: " + few + " with 2 waiters, " + many + " with 16");
    }
}
