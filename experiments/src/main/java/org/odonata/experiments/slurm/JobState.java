package org.odonata.experiments.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Slurm says about one job or array task: {@code id} as Slurm prints it ({@code 12} or {@code 12_3}), the array
 * task ({@code 0} for a job that is not one), its state ({@code PENDING}, {@code RUNNING}, {@code COMPLETED},
 * {@code FAILED}, {@code TIMEOUT}, {@code NODE_FAIL}, {@code OUT_OF_MEMORY}, {@code CANCELLED}…), the reason it
 * waits or ended, and the exit code ({@code 1:0}, empty when unknown).
 */
public record JobState(String id, long job, int task, String state, String reason, String exitCode) {

    /** Whether the job is still in the queue (waiting or running), not finished. */
    public boolean queued() {
        return switch (state) {
            case "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED",
                 "STAGE_OUT", "SIGNALING", "REQUEUE_HOLD", "REQUEUE_FED", "SPECIAL_EXIT", "STOPPED" -> true;
            default -> false;
        };
    }

    /** For messages: {@code FAILED, exit 1:0, NonZeroExitCode}. */
    public String describe() {
        StringBuilder b = new StringBuilder(state);
        if (!exitCode.isEmpty() && !exitCode.equals("0:0")) {
            b.append(", exit ").append(exitCode);
        }
        if (!reason.isEmpty() && !reason.equals("None")) {
            b.append(", ").append(reason);
        }
        return b.toString();
    }

    /** The squeue format {@link #squeue} reads: {@code squeue -h -r -j IDS -o '%i|%T|%r'}. */
    public static final String SQUEUE_FORMAT = "%i|%T|%r";

    /** The sacct fields {@link #sacct} reads: {@code sacct -n -P -j IDS -o JobID,State,ExitCode}. */
    public static final String SACCT_FIELDS = "JobID,State,ExitCode";

    /** Parses {@code squeue -h -r -o '%i|%T|%r'}: one job or array task a line ({@code 12_3|RUNNING|None}). */
    public static List<JobState> squeue(String out) {
        List<JobState> states = new ArrayList<>();
        for (String line : lines(out)) {
            String[] f = line.split("\\|", -1);
            if (f.length != 3) {
                throw new IllegalArgumentException("squeue printed '" + line + "', not JOBID|STATE|REASON");
            }
            states.add(of(f[0], f[1], f[2], ""));
        }
        return states;
    }

    /**
     * Parses {@code sacct -n -P -o JobID,State,ExitCode}: jobs and array tasks; their steps ({@code 12_3.batch}) are
     * skipped, and {@code CANCELLED by 0} keeps its first word.
     */
    public static List<JobState> sacct(String out) {
        List<JobState> states = new ArrayList<>();
        for (String line : lines(out)) {
            String[] f = line.split("\\|", -1);
            if (f.length != 3) {
                throw new IllegalArgumentException("sacct printed '" + line + "', not JobID|State|ExitCode");
            }
            if (!f[0].contains(".")) {
                states.add(of(f[0], f[1].split(" ")[0], "", f[2]));
            }
        }
        return states;
    }

    /**
     * Parses {@code scontrol -o show job ID}: one job or array task a line of {@code Key=Value} words
     * ({@code JobId=9 ArrayJobId=5 ArrayTaskId=3 … JobState=FAILED Reason=NonZeroExitCode … ExitCode=1:0}); an
     * array task is named {@code ARRAYJOB_TASK} as squeue names it.
     */
    public static List<JobState> scontrol(String out) {
        List<JobState> states = new ArrayList<>();
        for (String line : lines(out)) {
            Map<String, String> f = new LinkedHashMap<>();
            for (String word : line.split(" ")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    f.putIfAbsent(word.substring(0, eq), word.substring(eq + 1));
                }
            }
            String job = f.get("JobId");
            String state = f.get("JobState");
            if (job == null || state == null) {
                throw new IllegalArgumentException("scontrol printed a job without JobId or JobState: '" + line + "'");
            }
            String task = f.get("ArrayTaskId");
            String id = task != null && f.containsKey("ArrayJobId") ? f.get("ArrayJobId") + "_" + task : job;
            states.add(of(id, state, f.getOrDefault("Reason", ""), f.getOrDefault("ExitCode", "")));
        }
        return states;
    }

    private static JobState of(String id, String state, String reason, String exitCode) {
        String[] parts = id.strip().split("_", 2);
        int task = 0;
        if (parts.length == 2) {
            // a pending array squeue did not split ([3-4%2]) has no single task
            task = parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : -1;
        }
        try {
            return new JobState(id.strip(), Long.parseLong(parts[0]), task, state.strip(), reason.strip(),
                    exitCode.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + id + "' is not a Slurm job id");
        }
    }

    private static List<String> lines(String out) {
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
