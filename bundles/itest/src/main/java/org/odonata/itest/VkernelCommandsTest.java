package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code kern:boot --vkernel-of}: a guest kernel carried by a host process, driven from Gogo (issue 12 §4). */
class VkernelCommandsTest {

    @Test
    void aGuestRunsWorkOnItsVcpusSwapsItsOwnSchedulerAndDiesWithItsProcess() throws Exception {
        String host = hostName(Framework.run("kern:boot --preset smp-4 --sched dfly --vm none --rootfs tmpfs "
                + "--seed 3"));
        String boot = Framework.run("kern:boot --vkernel-of " + host + " --cpus 2 --mem 64M");
        assertTrue(boot.contains("as a vkernel of " + host) && boot.contains("2 vCPU LWPs"), boot);
        String guest = boot.split("\\s+")[1];
        assertTrue(Framework.run("kern:run cpuhog 8 --for 200ms").contains("processes=8"));
        String machines = Framework.run("kern:machines");
        String row = machines.lines().filter(l -> l.contains(" " + guest + " ")).findFirst().orElseThrow();
        assertTrue(row.contains("vkernel of " + host), machines);

        assertTrue(Framework.run("sched:use fifo").contains("fifo"));
        assertEquals("dfly", schedulerOf(machines = Framework.run("kern:machines"), host), machines);
        assertEquals("fifo", schedulerOf(machines, guest), machines);

        Framework.run("kern:use " + host);
        String pid = row.replaceAll(".*vkernel of " + host + " pid (\\d+).*", "$1");
        assertTrue(Framework.run("kern:ps").contains("vkernel/vcpu1"));
        Framework.run("kern:kill " + pid);
        Framework.run("kern:run cpuhog 1 --for 50ms");
        assertTrue(!Framework.run("kern:ps").contains("vkernel/vcpu"), "the vkernel process is gone");
        assertTrue(Framework.run("kern:machines").contains("torn down"));
        Framework.run("kern:use " + guest);
        Exception dead = assertThrows(Exception.class, () -> Framework.run("kern:run cpuhog 1 --for 10ms"));
        assertTrue(dead.getMessage().contains("was torn down"), dead.getMessage());
    }

    @Test
    void badVkernelArgumentsSayWhatIsWrong() throws Exception {
        String host = hostName(Framework.run("kern:boot --preset smp-4 --vm none --rootfs tmpfs"));
        Exception unknown = assertThrows(Exception.class,
                () -> Framework.run("kern:boot --vkernel-of nosuch --cpus 2 --mem 64M"));
        assertTrue(unknown.getMessage().contains("no kernel named 'nosuch'"), unknown.getMessage());
        Exception cpus = assertThrows(Exception.class,
                () -> Framework.run("kern:boot --vkernel-of " + host + " --mem 64M"));
        assertTrue(cpus.getMessage().contains("needs --cpus N and --mem SIZE"), cpus.getMessage());
        Exception range = assertThrows(Exception.class,
                () -> Framework.run("kern:boot --vkernel-of " + host + " --cpus 0 --mem 64M"));
        assertTrue(range.getMessage().contains("--cpus: expected"), range.getMessage());
    }

    /** The kernel's name in kern:boot's answer "booted NAME on …". */
    private static String hostName(String boot) {
        return boot.strip().split("\\s+")[1];
    }

    private static String schedulerOf(String machines, String kernel) {
        return machines.lines().map(String::strip).map(l -> l.startsWith("*") ? l.substring(1).strip() : l)
                .filter(l -> l.startsWith(kernel + " ")).findFirst().orElseThrow().split("\\s+")[3];
    }
}
