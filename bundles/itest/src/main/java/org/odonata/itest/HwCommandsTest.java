package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

class HwCommandsTest {

    private static final Set<String> HW = Set.of("presets", "topology", "machine", "machines", "info", "calibrate");

    @Test
    void everyHwCommandIsRegistered() throws Exception {
        Framework.service(org.apache.felix.service.command.CommandProcessor.class);
        Set<String> registered = new TreeSet<>();
        for (ServiceReference<?> ref : Framework.context().getServiceReferences((String) null,
                "(osgi.command.scope=hw)")) {
            Object f = ref.getProperty("osgi.command.function");
            registered.addAll(f instanceof String[] a ? Arrays.asList(a) : Set.of(String.valueOf(f)));
        }
        assertEquals(new TreeSet<>(HW), registered);
    }

    @Test
    void presetsListsTheThreeRequiredPresets() throws Exception {
        String out = Framework.run("hw:presets");
        assertTrue(out.contains("laptop-4c8t") && out.contains("server-2s32c64t") && out.contains("epyc-2s128c256t"),
                out);
    }

    @Test
    void topologyEndsWithTheCounts() throws Exception {
        String out = Framework.run("hw:topology server-2s32c64t").strip();
        assertTrue(out.endsWith("packages: 2  cores: 32  cpus: 64  numa: 2"), out);
    }

    @Test
    void aNewMachineIsListedAndDescribed() throws Exception {
        assertTrue(Framework.run("hw:machine new itest-epyc --preset epyc-2s128c256t --seed 7").contains("cpus: 256"));
        assertTrue(Framework.run("hw:machines").contains("itest-epyc"));
        String info = Framework.run("hw:info itest-epyc");
        assertTrue(info.contains("packages: 2  cores: 128  cpus: 256") && info.contains("contextSwitch"), info);
    }

    @Test
    void theDefaultMachineExists() throws Exception {
        assertTrue(Framework.run("hw:info default").contains("topology laptop-4c8t"));
    }

    @Test
    void anUnknownPresetNamesTheValidOnes() {
        Exception e = assertThrows(Exception.class, () -> Framework.run("hw:topology no-such-machine"));
        assertTrue(e.getMessage().contains("laptop-4c8t"), e.getMessage());
    }

    @Test
    void anUnknownMachineNamesTheExistingOnes() {
        Exception e = assertThrows(Exception.class, () -> Framework.run("hw:info nobody"));
        assertTrue(e.getMessage().contains("default"), e.getMessage());
    }
}
