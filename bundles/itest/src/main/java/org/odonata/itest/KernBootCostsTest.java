package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code kern:boot --costs FILE} (issue 9 §4): the kernel's machine runs on a cost profile's costs, read by the reader
 * a spec's {@code machine.costs.profile} uses; a missing file, an unknown field or a bad number is one message naming
 * the file and line, and the shell keeps running.
 */
class KernBootCostsTest {

    /** A profile as hw:calibrate writes it, reduced to its costs: system calls 100 times the preset's. */
    private static final String DEAR_SYSCALLS = """
            host:
              model: "test"
            costs:
              frequencyHz: {value: 2000000000, from: "test"}
              syscallEntry: {value: 12000, from: "test"}
              syscallExit: {value: 9000, from: "test"}
              contextSwitch: {value: 4000, from: "test"}
            """;

    @Test
    void aKernelBootedWithAProfileRunsOnItsCosts() throws Exception {
        Path profile = Files.createTempFile("costs-itest", ".yaml");
        Files.writeString(profile, DEAR_SYSCALLS);
        long preset = syscallsIn10ms("");
        String boot = Framework.run("kern:boot --preset smp-4 --seed 3 --costs " + profile);
        assertTrue(boot.contains("costs of " + profile + " (2.00 GHz, a context switch 2000 ns)"), boot);
        long dear = syscallsIn10ms("--costs " + profile);
        // 10.5 us a call instead of 70 ns: the same 10 ms of pingpong makes far fewer calls
        assertTrue(dear * 10 < preset, "system calls in 10 ms: preset " + preset + ", dear " + dear);
    }

    @Test
    void aBadProfileIsOneMessageNamingItsLineAndTheShellGoesOn() throws Exception {
        Path missing = Path.of("no-such-profile.yaml");
        Exception none = assertThrows(Exception.class, () -> Framework.run("kern:boot --costs " + missing));
        assertTrue(none.getMessage().contains("no such file: " + missing
                + " (hw:calibrate --out FILE.yaml writes one)"), none.getMessage());

        Path unknown = Files.createTempFile("costs-itest", ".yaml");
        Files.writeString(unknown, "costs:\n  contextSwitch: {value: 4000, from: test}\n  warpDrive: {value: 1}\n");
        Exception field = assertThrows(Exception.class, () -> Framework.run("kern:boot --costs " + unknown));
        assertTrue(field.getMessage().contains(unknown + ":3:3: costs.warpDrive: unknown field 'warpDrive'"),
                field.getMessage());

        Path bad = Files.createTempFile("costs-itest", ".yaml");
        Files.writeString(bad, "costs:\n  frequencyHz: {value: fast, from: test}\n");
        Exception number = assertThrows(Exception.class, () -> Framework.run("kern:boot --costs " + bad));
        assertTrue(number.getMessage().contains(bad + ":2:24: costs.frequencyHz.value: expected an integer from 1 "
                + "to 9000000000, found 'fast'"), number.getMessage());

        assertTrue(Framework.run("kern:boot --preset smp-4").startsWith("booted kern"), "the shell goes on");
    }

    @Test
    void aGuestTakesItsHostsCostsNotAProfile() {
        Exception guest = assertThrows(Exception.class, () -> Framework.run("kern:boot --vkernel-of kern0 --cpus 1 "
                + "--mem 64M --costs x.yaml"));
        assertTrue(guest.getMessage().contains("--preset, --topology, --costs and --rootfs do not apply to a guest"),
                guest.getMessage());
    }

    /** System calls a pingpong pair makes in 10 ms on a new 4-CPU kernel booted with {@code options}. */
    private static long syscallsIn10ms(String options) throws Exception {
        Framework.run("kern:boot --preset smp-4 --seed 3 " + options);
        // pipes without the 4 µs kern.pipe.delay poll, a fixed cost per message that the profile does not change
        Framework.run("kern:sysctl kern.pipe.delay 0");
        Framework.run("kern:run pingpong --for 10ms");
        String stats = Framework.run("kern:stats");
        String line = stats.lines().filter(l -> l.strip().startsWith("syscalls ")).findFirst()
                .orElseThrow(() -> new AssertionError(stats));
        long n = Long.parseLong(line.strip().substring("syscalls".length()).strip().replace(",", ""));
        assertTrue(n > 0, stats);
        return n;
    }
}
