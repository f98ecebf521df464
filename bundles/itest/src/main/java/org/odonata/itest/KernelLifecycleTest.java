package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * Issue 15 §2, audit F6 and F9: no booted kernel is lost without the shell saying so, and none runs on out of
 * reach. A second kern:boot leaves the first kernel reachable (kern:machines, kern:use); stopping the kernel core
 * or the machine model says which kernels and machines go with it, and the commands stay to say what is missing.
 */
class KernelLifecycleTest {

    @Test
    void aSecondBootLeavesAFreeRunningKernelReachableByName() throws Exception {
        String first = name(Framework.run("kern:boot --preset smp-4 --seed 11"));
        Framework.run("kern:go");
        String boot = Framework.run("kern:boot --preset smp-4 --seed 12");
        String second = name(boot);
        assertTrue(boot.contains(first + " keeps running in the background; kern:use NAME acts on it again"), boot);
        String machines = Framework.run("kern:machines");
        assertTrue(machines.matches("(?s).*\\s" + first + "\\s.*running.*"), machines);
        assertTrue(machines.contains("* " + second), machines);
        assertTrue(Framework.run("kern:use " + first).contains("now act on " + first + " (running"));
        assertTrue(Framework.run("kern:pause").startsWith(first + " paused at t="));
        assertTrue(Framework.run("kern:machines").contains("* " + first));
        Exception none = assertThrows(Exception.class, () -> Framework.run("kern:use kern999"));
        assertTrue(none.getMessage().contains("no kernel named 'kern999'; kernels: "), none.getMessage());
    }

    @Test
    void stoppingTheKernelCoreSaysWhatItDiscardsAndTheCommandsSayWhatIsMissing() throws Exception {
        String k = name(Framework.run("kern:boot --preset smp-4 --seed 13"));
        Framework.run("kern:run cpuhog 2 --for 5ms");
        Bundle core = Framework.bundle("org.odonata.kern");
        String stop;
        try {
            stop = Framework.run("felix:stop " + core.getBundleId());
            assertTrue(stop.contains("warning: the kernel core (org.odonata.kern, bundle " + core.getBundleId()
                    + ") is going away; a booted kernel cannot outlive it"), stop);
            assertTrue(stop.contains(k + " (paused at t=5ms, 1 workloads)"), stop);
            String machines = Framework.run("kern:machines");
            assertTrue(machines.contains("discarded when the kernel core"), machines);
            Exception boot = assertThrows(Exception.class, () -> Framework.run("kern:boot"));
            assertTrue(boot.getMessage().contains("the kernel core (org.odonata.kern) is not running"),
                    boot.getMessage());
        } finally {
            core.start();
        }
        assertTrue(Framework.run("kern:boot --preset smp-4").startsWith("booted kern"));
    }

    @Test
    void stoppingTheMachineModelSaysWhichMachinesGoAndADefaultComesBack() throws Exception {
        Framework.run("kern:boot --preset smp-4 --seed 14");
        Bundle hw = Framework.bundle("org.odonata.hw.x86");
        try {
            String stop = Framework.run("felix:stop " + hw.getBundleId());
            assertTrue(stop.contains("warning: the machine model (org.odonata.hw.x86, bundle " + hw.getBundleId()
                    + ") is going away; a machine cannot outlive it, so these hw: machines are discarded: default"),
                    stop);
            assertTrue(stop.contains("a booted kernel cannot outlive it"), stop);
            Exception info = assertThrows(Exception.class, () -> Framework.run("hw:topology smp-4"));
            assertTrue(info.getMessage().contains("the machine model (org.odonata.hw.x86) is not running"),
                    info.getMessage());
        } finally {
            hw.start();
        }
        assertTrue(Framework.run("hw:machines").contains("default"));
        assertTrue(Framework.run("kern:boot --preset smp-4").startsWith("booted kern"));
    }

    @Test
    void stoppingTheVmDiscardsOnlyTheKernelsThatUseIt() throws Exception {
        String withVm = name(Framework.run("kern:boot --preset smp-4 --seed 15"));
        String without = name(Framework.run("kern:boot --preset smp-4 --seed 16 --vm none"));
        Bundle vm = Framework.bundle("org.odonata.vm");
        try {
            String stop = Framework.run("felix:stop " + vm.getBundleId());
            // kernels other tests left behind may be listed too
            assertTrue(stop.contains("warning: the VM system (org.odonata.vm, bundle " + vm.getBundleId()
                    + ") is going away; a booted kernel cannot outlive it, so "), stop);
            assertTrue(stop.contains(" " + withVm + " (paused at t=") && !stop.contains(" " + without + " ("), stop);
            // the table's rows, not the lines below it that say what was discarded
            List<String> rows = Framework.run("kern:machines").lines().filter(l -> l.matches("[* ] kern\\d+ .*"))
                    .toList();
            assertTrue(rows.stream().anyMatch(l -> l.startsWith("  " + without + " ") || l.startsWith("* " + without
                    + " ")) && rows.stream().noneMatch(l -> l.substring(2).startsWith(withVm + " ")), rows.toString());
        } finally {
            vm.start();
        }
    }

    private static String name(String bootOutput) {
        assertTrue(bootOutput.startsWith("booted kern"), bootOutput);
        return bootOutput.substring("booted ".length(), bootOutput.indexOf(' ', "booted ".length()));
    }
}
