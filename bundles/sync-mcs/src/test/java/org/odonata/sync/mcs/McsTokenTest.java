package org.odonata.sync.mcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.sync.conformance.QueueLockConformanceTest;
import org.odonata.tck.sync.TokenRig;

class McsTokenTest extends QueueLockConformanceTest {

    @Override
    protected TokenAlgorithmFactory factory() {
        return new McsTokenFactory();
    }

    @Test
    void theFactoryIsNamedMcs() {
        assertEquals("mcs", factory().name());
    }

    @Test
    void aHandOffTouchesOnlyTheNextWaitersLineHoweverManyWait() {
        double few = transfersPerHandOff(new TokenRig(factory()), 2);
        double many = transfersPerHandOff(new TokenRig(factory()), 16);
        assertTrue(many <= few + 0.5, "transfers per hand-off: " + few + " with 2 waiters, " + many + " with 16");
    }
}
