package org.odonata.sync.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.sync.conformance.QueueLockConformanceTest;
import org.odonata.tck.sync.TokenRig;

class TicketTokenTest extends QueueLockConformanceTest {

    @Override
    protected TokenAlgorithmFactory factory() {
        return new TicketTokenFactory();
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
