package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code kern:cpu offline|online N} from Gogo: the CPU stops running user LWPs and gets them back. */
class KernCpuCommandTest {

    @Test
    void aCpuTakenOfflineFromTheShellRunsNoLwpUntilItIsBackOnline() throws Exception {
        Framework.run("kern:boot --preset smp-4 --sched dfly --sync lwkt --seed 5");
        Framework.run("kern:run cpuhog 6 --for 50ms");
        assertEquals("cpu3 offline at 50ms", Framework.run("kern:cpu offline 3").strip());
        Framework.run("kern:run cpuhog 1 --for 100ms");
        assertTrue(runningOn(3).isEmpty(), () -> "LWPs running on cpu3: " + runningOn(3));
        assertEquals("cpu3 online at 150ms", Framework.run("kern:cpu online 3").strip());
    }

    @Test
    void aBadActionOrCpuNumberNamesTheValidChoices() throws Exception {
        Framework.run("kern:boot --preset smp-4 --seed 1");
        Exception action = assertThrows(Exception.class, () -> Framework.run("kern:cpu sideways 3"));
        assertTrue(action.getMessage().contains("unknown action 'sideways'; valid: offline, online"),
                action.getMessage());
        Exception word = assertThrows(Exception.class, () -> Framework.run("kern:cpu offline three"));
        assertTrue(word.getMessage().contains("a number from 0 to 3, was 'three'"), word.getMessage());
        Exception range = assertThrows(Exception.class, () -> Framework.run("kern:cpu offline 4"));
        assertTrue(range.getMessage().contains("no CPU 4: this machine has CPUs 0..3"), range.getMessage());
    }

    /** The kern:ps lines of user LWPs RUNNING on {@code cpu}. */
    private static List<String> runningOn(int cpu) {
        try {
            return Framework.run("kern:ps").lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                    .filter(l -> {
                        String[] f = l.split("\\s+");
                        return Integer.parseInt(f[0]) == cpu && Integer.parseInt(f[2]) > 0 && f[4].equals("RUNNING");
                    }).toList();
        } catch (Exception e) {
            throw new AssertionError("kern:ps failed", e);
        }
    }
}
