package org.odonata.pageout.dfly;

import org.junit.jupiter.api.Test;
import org.odonata.tck.pageout.PageoutKit;

class ConformanceTest {

    @Test
    void passesThePageoutConformanceKit() {
        PageoutKit.assertConforms(new DflyFactory());
    }
}
