package org.odonata.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.replay.ReplayTest.boot;
import static org.odonata.replay.ReplayTest.replay;
import static org.odonata.replay.ReplayTest.text;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Replayed calls where the Linux host and DragonFly answer differently on purpose (pjdfstest accepts both): the
 * simulated kernel must give DragonFly's answer, which the report counts apart from mismatches; the host's state
 * (a descriptor DragonFly did not open) does not leak into later calls. Supplementary groups and unreadable path
 * addresses replay as the host ran them.
 */
class DragonFlyAnswersTest {

    @Test
    void openWithAccessModeThreeIsEinvalAndItsHostDescriptorIsNotReplayed() throws IOException {
        ReplayReport r = replay(boot(3), text("""
                1 openat(AT_FDCWD, "f", O_WRONLY|O_CREAT, 0644) = 3
                1 close(3) = 0
                1 openat(AT_FDCWD, "f", O_ACCMODE) = 3
                1 fstat(3, {st_mode=S_IFREG|0644, st_size=0, ...}) = 0
                1 close(3) = 0
                1 exit_group(0) = ?
                """), "/h/d");
        assertTrue(r.ok(), r.format(20));
        assertEquals(Map.of(Calls.DRAGONFLY_ACCMODE, 1L), r.divergedBy());
        assertEquals(Map.of("outside DIR", 2L, "not a file call", 1L), r.skippedBy());
    }

    @Test
    void renameOfDotIsEinvalWhereLinuxSaysEbusyButOtherEbusyStaysAMismatch() throws IOException {
        ReplayReport r = replay(boot(3), text("""
                1 mkdir("a", 0755) = 0
                1 mkdir("a/b", 0755) = 0
                1 rename("a/b/.", "c") = -1 EBUSY (Device or resource busy)
                1 rename("a/b/..", "c") = -1 EBUSY (Device or resource busy)
                1 rename("a", "a/b/..") = -1 EBUSY (Device or resource busy)
                1 rename("a/b", "c") = -1 EBUSY (Device or resource busy)
                1 exit_group(0) = ?
                """), "/h/d");
        assertEquals(Map.of(Calls.DRAGONFLY_RENAME_DOTS, 3L), r.divergedBy(), r.format(20));
        assertEquals(1, r.mismatched(), r.format(20));
        assertEquals("got 0", r.mismatches().getFirst().what());
        assertFalse(r.ok());
    }

    @Test
    void supplementaryGroupsAndUnreadablePathsReplay() throws IOException {
        ReplayReport r = replay(boot(3), text("""
                1 mkdir("d", 0755) = 0
                1 openat(AT_FDCWD, "d/f", O_WRONLY|O_CREAT, 0644) = 3
                1 close(3) = 0
                1 chown("d/f", 65534, 65534) = 0
                1 setgroups(2, [65533, 65534]) = 0
                1 setresgid(-1, 65533, -1) = 0
                1 setuid(65534) = 0
                1 chown("d/f", -1, 65534) = 0
                1 chown("d/f", -1, 65533) = 0
                1 chown("d/f", -1, 100) = -1 EPERM (Operation not permitted)
                1 mkdir(0x7fffffffe000, 0755) = -1 EFAULT (Bad address)
                1 chmod(NULL, 0644) = -1 EFAULT (Bad address)
                1 exit_group(0) = ?
                """), "/h/d");
        assertTrue(r.ok(), r.format(20));
        assertEquals(12, r.replayed(), r.format(20));
    }
}
