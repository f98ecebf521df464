package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * A kernel with the VM bundle from Gogo: the pageout policies are services, a live swap names both sides,
 * stopping the active policy's bundle falls back to the reference policy until it returns, and a trace replay
 * prints its counts.
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

    @Test
    void aReplayPrintsItsCountsAndBadInputGetsAClearMessage() throws Exception {
        Path trace = repositoryFile("experiments/specs/traces/awk.lackey.gz");
        Framework.run("kern:boot --preset smp-4 --seed 5");
        String out = Framework.run("vm:replay " + trace + " --mem 32 --policy lru");
        assertTrue(out.contains("references: 291670"), out);
        assertTrue(out.contains("faults: 1312"), "lru's count, which MattsonReplayTest checks: " + out);
        assertTrue(Framework.run("vm:stats").contains("(pageout dfly)"), "the kernel's own policy is back");
        String file = Framework.run("vm:replay " + trace + " --mem 32 --policy lru --backing file");
        assertTrue(file.contains("(file)") && file.contains("faults: 1312"), "the same faults on a file: " + file);
        assertTrue(Framework.run("vm:stats").matches("(?s).*file page-ins \\(vnode pager\\)\\s+[1-9].*"),
                "pages came in through the vnode pager");
        Exception e = assertThrows(Exception.class, () -> Framework.run("vm:replay " + trace + " --mem 0"));
        assertTrue(e.getMessage().contains("bad size '0'"), e.getMessage());
        Path bad = Files.createTempFile("bad", ".lackey");
        try {
            Files.writeString(bad, "I  04001000,3\nbogus\n");
            e = assertThrows(Exception.class, () -> Framework.run("vm:replay " + bad + " --mem 8"));
            assertTrue(e.getMessage().contains(bad + ":2: expected"), e.getMessage());
        } finally {
            Files.delete(bad);
        }
    }

    /** A file of the repository, found by walking up from the working directory. */
    private static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
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
