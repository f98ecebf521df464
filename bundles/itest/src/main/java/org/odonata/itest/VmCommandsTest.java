package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * A kernel with the VM bundle from Gogo: the pageout policies are services, a live swap names both sides, and
 * stopping the active policy's bundle falls back to the reference policy until it returns.
 */
class VmCommandsTest {

    @Test
    void policiesSwapLiveAndABundleStopFallsBackToDfly() throws Exception {
        assertTrue(Framework.run("kern:boot --preset smp-4 --mem 128M --seed 5").contains("pageout dfly, swap 1G"));
        String list = Framework.run("vm:policy list");
        for (String p : new String[] {"* dfly", "clock", "fifo", "lru", "opt"}) {
            assertTrue(list.contains(p), list);
        }
        assertTrue(Framework.run("vm:policy use lru").contains("vm: dfly -> lru"));
        Bundle classic = bundle("org.odonata.pageout.classic");
        classic.stop();
        try {
            assertTrue(Framework.run("vm:stats").contains("(pageout dfly)"), "back to the reference policy");
        } finally {
            classic.start();
        }
        assertTrue(Framework.run("vm:stats").contains("(pageout lru)"), "the wanted policy is back");
        assertTrue(Framework.run("vm:stats").contains("32,768 (128M)"), Framework.run("vm:stats"));
        assertThrows(Exception.class, () -> Framework.run("vm:policy use nosuch"));
    }

    private static Bundle bundle(String bsn) {
        for (Bundle b : Framework.context().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + bsn + " is not installed");
    }
}
