package org.odonata.pageout.classic;

import org.junit.jupiter.api.Test;
import org.odonata.tck.pageout.PageoutKit;

class ConformanceTest {

    @Test
    void everyPolicyPassesThePageoutConformanceKit() {
        PageoutKit.assertConforms(new Factories.Fifo());
        PageoutKit.assertConforms(new Factories.Clock());
        PageoutKit.assertConforms(new Factories.Lru());
        PageoutKit.assertConforms(new Factories.Opt());
    }
}
