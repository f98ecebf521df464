package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 15 §5, audit F12 and F13: a bad argument gets one line naming it and what was expected, never Gogo's
 * coercion text or a JDK message; numbers are range-checked; durations that round to 0 are refused.
 */
class PlainErrorsTest {

    private static String refused(String command) {
        Exception e = assertThrows(Exception.class, () -> Framework.run(command), command);
        String m = e.getMessage();
        assertFalse(m.contains("Cannot coerce") || m.contains("For input string") || m.contains("Exception"),
                command + ": " + m);
        return m;
    }

    @Test
    void everyCaseOfTheAuditGetsAPlainLine() throws Exception {
        Framework.run("kern:boot --preset smp-4 --seed 21");
        Map<String, String> cases = Map.ofEntries(
                Map.entry("kern:boot --seed abc", "--seed: expected an integer, got 'abc'"),
                Map.entry("kern:boot --seed 99999999999999999999", "--seed: expected an integer, got "
                        + "'99999999999999999999' (too large)"),
                Map.entry("hw:machine new a --seed abc", "--seed: expected an integer, got 'abc'"),
                Map.entry("kern:sysctl lwkt.spin_loops abc", "lwkt.spin_loops: expected an integer from 0 to 1000000, "
                        + "got 'abc'"),
                Map.entry("kern:cpu offline", "kern:cpu needs an action and a CPU: kern:cpu offline|online N"),
                Map.entry("sched:use", "sched:use needs a scheduler name; valid: bsd4, dfly, eevdf, fifo, rr"),
                Map.entry("sync:use", "sync:use needs a token implementation name; valid: cna, giant, lwkt, mcs, ticket, ttas"),
                Map.entry("hw:topology", "hw:topology needs a preset name"),
                Map.entry("hw:info", "hw:info needs a machine's name"),
                Map.entry("hw:machine", "hw:machine needs: new NAME"),
                Map.entry("hammer:newfs FILE", "hammer:newfs needs a file and a size"),
                Map.entry("kern:run cpuhog 4 --for 1e-20s", "--for: '1e-20s' is shorter than 1ns"),
                Map.entry("kern:run cpuhog 4 --for 0.1ns", "--for: '0.1ns' is shorter than 1ns"),
                Map.entry("kern:run cpuhog 4 --for 0ms", "--for: expected at least 1ns, got '0ms'"),
                Map.entry("kern:run cpuhog 4 --for 9223372036854775807ns", "--for: at most 3600s of virtual time"),
                Map.entry("kern:run rt-app /nonexistent.json --for 1ms", "cannot read the rt-app file "
                        + "/nonexistent.json: no such file or directory: /nonexistent.json"),
                Map.entry("vm:policy", "vm:policy needs an action"),
                Map.entry("kern:use", "kern:use needs a kernel's name"),
                Map.entry("hw:topology /dev/zero", "/dev/zero: not an hwloc XML file: not a regular file"),
                Map.entry("exp:run x.yaml --set =1", "--set: expected key=value, e.g. --set trials=3; got '=1'"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String m = refused(c.getKey());
            assertTrue(m.contains(c.getValue()), c.getKey() + ": " + m);
        }
    }

    @Test
    void takingACpuOfflineTwiceSaysItAlreadyIs() throws Exception {
        Framework.run("kern:boot --preset smp-4 --seed 22");
        assertEquals("cpu3 offline at 0ns", Framework.run("kern:cpu offline 3").strip());
        assertEquals("cpu3 is already offline (nothing changed at 0ns)", Framework.run("kern:cpu offline 3").strip());
        assertEquals("cpu3 online at 0ns", Framework.run("kern:cpu online 3").strip());
    }

    @Test
    void hammerRefusesANegativeTidAFileWithNoEndAndAnImpossibleSizeLeavingNoFile() throws Exception {
        Path dir = Files.createTempDirectory("plain-errors");
        Path img = dir.resolve("a.img");
        assertTrue(refused("hammer:newfs " + img + " 1000000T").contains("a HAMMER volume holds at most 4096T"));
        assertFalse(Files.exists(img), "a refused newfs leaves no file");
        Framework.run("hammer:newfs " + img + " 256M");
        Framework.run("hammer:mount " + img);
        try {
            assertTrue(refused("hammer:prune --before -1").contains("--before: expected a non-negative number"));
            assertTrue(refused("hammer:write --from /dev/zero /p").contains("not a regular file"));
            assertTrue(refused("hammer:write --from /nonexistent /p").contains("--from /nonexistent: no such file"));
            assertTrue(refused("hammer:reblock --fill 101").contains("--fill: expected an integer from 0 to 100"));
        } finally {
            Framework.run("hammer:umount");
        }
    }
}
