package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.machine.MachineFactory;
import org.odonata.api.topology.TopologySource;
import org.osgi.framework.Bundle;

class BundlesTest {

    @Test
    void everyBundleIsActive() {
        List<String> notActive = Arrays.stream(Framework.context().getBundles())
                .filter(b -> b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null)
                .map(b -> b.getSymbolicName() + " (state " + b.getState() + ")").toList();
        assertEquals(List.of(), notActive);
    }

    @Test
    void theMachineModelRegistersItsServices() throws InterruptedException {
        assertNotNull(Framework.service(MachineFactory.class));
        assertNotNull(Framework.service(TopologySource.class));
    }
}
