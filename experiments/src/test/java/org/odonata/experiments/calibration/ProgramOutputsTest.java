package org.odonata.experiments.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The programs' outputs as this host printed them (perf 6.1.187, rt-tests hackbench 2.40, recorded 2026-12-05 with
 * the commands in each string's first line), and what a missing figure reports.
 */
class ProgramOutputsTest {

    private static final String SCHED_PIPE = """
            # Running 'sched/pipe' benchmark:
            # Executed 20000 pipe operations between two processes

                 Total time: 0.180 [sec]

                   9.038250 usecs/op
                     110640 ops/sec
            """;
    private static final String SYSCALL_BASIC = """
            # Running 'syscall/basic' benchmark:
            # Executed 1000000 getppid() calls
                 Total time: 0.496 [sec]

                   0.496977 usecs/op
                    2012165 ops/sec
            """;
    private static final String HACKBENCH = """
            Running in process mode with 2 groups using 20 file descriptors each (== 40 tasks)
            Each sender will pass 200 messages of 100 bytes
            Time: 0.063
            """;

    @Test
    void perfBenchPrintsMicrosecondsPerOperationWhichBecomeNanoseconds() {
        assertEquals(9038.25, ProgramOutputs.perfNanosPerOp("perf bench sched pipe -l 20000", SCHED_PIPE), 1e-6);
        assertEquals(496.977, ProgramOutputs.perfNanosPerOp("perf bench syscall basic", SYSCALL_BASIC), 1e-6);
    }

    @Test
    void perfStatAddsTheCpuTimeAndSwitchesOfEveryProcess() {
        String out = """
                      29.586400 usecs/op
                          33799 ops/sec
                56.26,msec,task-clock,56255494,100.00,0.313,CPUs utilized
                10005,,context-switches,56255494,100.00,177.849,K/sec
                """;
        String cmd = "taskset -c 0 perf bench sched pipe -l 5000";
        assertEquals(56.26e6, ProgramOutputs.taskClockNanos(cmd, out), 1e-3);
        assertEquals(10005, ProgramOutputs.contextSwitches(cmd, out));
        assertEquals(java.util.List.of("perf", "stat", "-x,", "-e", "task-clock,context-switches", "--", "hackbench"),
                ProgramOutputs.underPerfStat(java.util.List.of("hackbench")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProgramOutputs.taskClockNanos(cmd, "Error: Access to performance monitoring ... denied"));
        assertTrue(e.getMessage().contains("perf_event_paranoid"), e.getMessage());
    }

    @Test
    void hackbenchPrintsItsTimeInSeconds() {
        assertEquals(0.063, ProgramOutputs.hackbenchSeconds("hackbench -p -g 2", HACKBENCH), 1e-9);
    }

    @Test
    void anOutputWithoutTheFigureNamesTheProgramAndWhatToInstall() {
        IllegalStateException perf = assertThrows(IllegalStateException.class,
                () -> ProgramOutputs.perfNanosPerOp("perf bench sched pipe", "Usage: perf bench [<common options>]"));
        assertTrue(perf.getMessage().startsWith("perf: no 'N usecs/op' line"), perf.getMessage());
        assertTrue(perf.getMessage().contains("apt-get install linux-perf"), perf.getMessage());
        IllegalStateException hb = assertThrows(IllegalStateException.class,
                () -> ProgramOutputs.hackbenchSeconds("hackbench -g 1", "Time: soon\n"));
        assertTrue(hb.getMessage().startsWith("hackbench: no 'Time: S' line"), hb.getMessage());
        assertTrue(hb.getMessage().contains("apt-get install rt-tests"), hb.getMessage());
    }

    @Test
    void aMissingProgramIsOneLineNamingItsPackage() {
        HostProgram absent = new HostProgram("hackbench", "apt-get install rt-tests");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> absent.run(java.util.List.of("/nonexistent/odonata-no-such-program", "-g", "1")));
        assertTrue(e.getMessage().startsWith("hackbench: cannot run"), e.getMessage());
        assertTrue(e.getMessage().endsWith("install it: apt-get install rt-tests"), e.getMessage());
    }
}
