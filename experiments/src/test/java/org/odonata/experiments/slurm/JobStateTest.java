package org.odonata.experiments.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Reads what squeue and scontrol print, as recorded on the local cluster ({@code src/test/resources/slurm/README.md}
 * has the commands), and sacct's parsable format.
 */
class JobStateTest {

    /** A recorded output, without the comment lines that say how it was made. */
    static String recorded(String name) throws IOException {
        try (InputStream in = JobStateTest.class.getResourceAsStream("/slurm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .reduce("", (a, b) -> a + b + "\n");
        }
    }

    @Test
    void squeueListsEachArrayTaskWithItsStateAndReason() throws IOException {
        List<JobState> q = JobState.squeue(recorded("squeue-array-running.txt"));
        assertEquals(5, q.size());
        JobState t3 = q.get(0);
        assertEquals("5_3", t3.id());
        assertEquals(5, t3.job());
        assertEquals(3, t3.task());
        assertEquals("PENDING", t3.state());
        assertEquals("Resources", t3.reason());
        JobState merge = q.get(2);
        assertEquals(6, merge.job());
        assertEquals(0, merge.task());
        assertEquals("Dependency", merge.reason());
        assertEquals("RUNNING", q.get(3).state());
        assertTrue(q.stream().allMatch(JobState::queued));
    }

    @Test
    void scontrolTellsHowEachTaskEnded() throws IOException {
        List<JobState> jobs = JobState.scontrol(recorded("scontrol-array-failed.txt"));
        assertEquals(5, jobs.size(), jobs.toString());
        JobState t3 = jobs.stream().filter(j -> j.task() == 3).findFirst().orElseThrow();
        assertEquals("5_3", t3.id());
        assertEquals("FAILED", t3.state());
        assertEquals("1:0", t3.exitCode());
        assertEquals("FAILED, exit 1:0, NonZeroExitCode", t3.describe());
        assertFalse(t3.queued());
        assertEquals("COMPLETED", jobs.stream().filter(j -> j.task() == 4).findFirst().orElseThrow().state());
        JobState merge = jobs.get(4);
        assertEquals("6", merge.id());
        assertEquals("DependencyNeverSatisfied", merge.reason());
        assertTrue(merge.queued());
    }

    @Test
    void sacctSkipsJobStepsAndKeepsTheStateWord() {
        // sacct's documented -P layout (the local cluster keeps no accounting: sacct-disabled.err)
        List<JobState> jobs = JobState.sacct("""
                12_1|COMPLETED|0:0
                12_1.batch|COMPLETED|0:0
                12_2|NODE_FAIL|0:0
                12_3|CANCELLED by 0|0:15
                13|TIMEOUT|0:0
                """);
        assertEquals(List.of("12_1", "12_2", "12_3", "13"), jobs.stream().map(JobState::id).toList());
        assertEquals("CANCELLED", jobs.get(2).state());
        assertEquals("NODE_FAIL", jobs.get(1).describe());
        assertEquals("CANCELLED, exit 0:15", jobs.get(2).describe());
    }

    @Test
    void somethingElseIsRefusedQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobState.squeue("slurm_load_jobs error: Invalid job id specified"));
        assertEquals("squeue printed 'slurm_load_jobs error: Invalid job id specified', not JOBID|STATE|REASON",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JobState.squeue("x_1|RUNNING|None"));
    }
}
