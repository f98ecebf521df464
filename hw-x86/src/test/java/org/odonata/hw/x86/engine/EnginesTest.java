package org.odonata.hw.x86.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void continuationsAreAvailableWhenJdkInternalVmIsExported() {
        // surefire's argLine passes --add-exports java.base/jdk.internal.vm=ALL-UNNAMED
        assertTrue(Engines.continuationsAvailable());
    }
}
