package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.UserProgram;

/**
 * kern.maxproc (issue 15 §3, audit F5): a process table of bounded size, as sys/kern/kern_fork.c fork1() keeps
 * one — fork fails with EAGAIN at the limit, zombies count until reaped — so a fork bomb meets the limit, not the
 * host's heap.
 */
class ProcessLimitTest {

    @Test
    void theDefaultFollowsInitParam2FromTheMachinesMemory() {
        // maxusers = MiB / 8 (at least 32); maxproc = 20 + 16 * maxusers, from 32 to MiB * 21
        assertEquals(20 + 16 * 32, Sysctls.defaultMaxproc(128L << 20));
        assertEquals(20 + 16 * 1024, Sysctls.defaultMaxproc(8L << 30));
        assertEquals(Sysctls.MAXPROC_MODEL_CAP, Sysctls.defaultMaxproc(1L << 40));
        assertEquals(21, Sysctls.defaultMaxproc(1L << 20), "1 MiB: the floor of 32, then the cap of MiB * 21");
    }

    @Test
    void aForkBombMeetsEagainAtTheLimitAndTheTableHoldsExactlyThatMany() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("kern.maxproc", 200);
            List<Integer> failures = new ArrayList<>();
            UserProgram[] bomb = new UserProgram[1];
            bomb[0] = sys -> {
                while (true) {
                    int pid = sys.fork(bomb[0]);
                    if (pid < 0) {
                        failures.add(pid);
                        sys.nanosleep(1_000_000);
                    }
                }
            };
            k.spawn("bomb", bomb[0]);
            k.runFor(Machines.ms(50));
            assertEquals(200, k.processes());
            assertTrue(!failures.isEmpty() && failures.stream().allMatch(e -> e == -SyscallLayer.EAGAIN), failures
                    .subList(0, Math.min(5, failures.size())).toString());
        }
    }

    @Test
    void aHostSideSpawnPastTheLimitIsRefusedWithTheWayOut() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("kern.maxproc", 40);
            for (int i = 0; i < 40; i++) {
                k.spawn("idle", sys -> sys.nanosleep(1_000_000_000L));
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> k.spawn("one-too-many", sys -> { }));
            assertTrue(e.getMessage().contains("40 processes exist, kern.maxproc is 40"), e.getMessage());
            assertTrue(e.getMessage().contains("kern:sysctl kern.maxproc N"), e.getMessage());
        }
    }

    @Test
    void zeroMeansTheDefaultForTheMachine() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            assertEquals(Sysctls.defaultMaxproc(k.machine().topology().memoryBytes()), k.maxproc());
            k.sysctl("kern.maxproc", 77);
            assertEquals(77, k.maxproc());
            k.sysctl("kern.maxproc", 0);
            assertEquals(Sysctls.defaultMaxproc(k.machine().topology().memoryBytes()), k.maxproc());
        }
    }
}
