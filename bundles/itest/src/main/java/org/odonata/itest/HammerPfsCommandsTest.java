package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The {@code hammer:pfs-*} commands (cmd_pseudofs.c) on a booted kernel's HAMMER root in a real framework: a master
 * reached through its {@code @@-1:00001} softlink holds its own files, a downgrade makes it a read-only slave, an
 * upgrade a master again, a destroy removes it and its softlink; bad input gets one plain line.
 */
class HammerPfsCommandsTest {

    private static String error(String command) {
        return assertThrows(Exception.class, () -> Framework.run(command)).getMessage();
    }

    @Test
    void aPfsIsMadeUsedDowngradedUpgradedAndDestroyedFromTheShell() throws Exception {
        Path host = Files.createTempFile("pfs-itest", ".txt");
        try {
            Files.writeString(host, "in the pfs\n");
            assertTrue(Framework.run("kern:boot --preset smp-4 --vm none --swap 0 --seed 11").contains("root hammer"));
            Framework.run("fs:mkdir /pfs");
            String made = Framework.run("hammer:pfs-master /pfs/a");
            assertTrue(made.contains("Creating PFS #1 succeeded") && made.contains("operating as a MASTER"), made);
            assertTrue(Framework.run("fs:ls -l /pfs").contains("a -> @@-1:00001"));
            Framework.run("fs:write --from " + host + " /pfs/a/f");
            assertEquals("in the pfs", Framework.run("fs:cat /pfs/a/f").strip());
            assertTrue(error("fs:cat /pfs/f").contains("ENOENT"), "the file is in PFS 1, not in PFS 0");

            String status = Framework.run("hammer:pfs-status /pfs/a");
            assertTrue(status.contains("PFS #1 {") && status.contains("shared-uuid=")
                    && status.contains("unique-uuid=") && status.contains("sync-end-tid=0x"), status);
            assertTrue(error("hammer:pfs-upgrade /pfs/a").contains("already a master"));

            assertTrue(Framework.run("hammer:pfs-downgrade /pfs/a").contains("now a SLAVE"));
            assertTrue(Framework.run("fs:ls -l /pfs").matches("(?s).*a -> @@0x[0-9a-f]{16}:00001.*"));
            assertEquals("in the pfs", Framework.run("fs:cat /pfs/a/f").strip());
            assertTrue(error("fs:write --from " + host + " /pfs/a/g").contains("EROFS"));
            assertTrue(Framework.run("hammer:pfs-upgrade /pfs/a").contains("now a MASTER"));

            String slave = Framework.run("hammer:pfs-slave /pfs/b --shared-uuid 01234567-89ab-cdef-0123-456789abcdef");
            assertTrue(slave.contains("PFS #2") && slave.contains("shared-uuid=01234567-89ab-cdef-0123-456789abcdef")
                    && slave.contains("operating as a SLAVE"), slave);

            assertTrue(Framework.run("hammer:pfs-destroy /pfs/a").contains("pfs-destroy of PFS #1 succeeded"));
            assertTrue(error("fs:stat /pfs/a").contains("ENOENT"), "the softlink went with the PFS");
            assertTrue(error("hammer:pfs-destroy /").contains("cannot destroy PFS #0"));
            assertTrue(error("hammer:pfs-status /pfs/nothing").contains("ENOENT"));
            assertTrue(error("hammer:pfs-slave /pfs/c --shared-uuid nonsense").contains("not a UUID"));
            assertTrue(error("hammer:pfs-status").contains("usage: hammer:pfs-status PATH"));
            Framework.run("fs:mkdir /t");
            Framework.run("fs:mount tmpfs none /t");
            assertTrue(error("hammer:pfs-status /t").contains("not on a HAMMER filesystem"));
        } finally {
            Files.deleteIfExists(host);
        }
    }
}
