package org.odonata.sched.lwkt.dfly;

import org.junit.jupiter.api.Test;
import org.odonata.tck.sched.SchedulerKit;

class DflyContractTest {

    @Test
    void passesTheSchedulerConformanceKit() {
        SchedulerKit.assertConforms(new DflyFactory());
    }
}
