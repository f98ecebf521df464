package org.odonata.experiments.calibration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.odonata.api.cost.CostModel;

/**
 * The cost-model fields that the host's measurements determine; every other field keeps the preset's cycle
 * count (at the host's frequency). The formulas, per measurement median, on CPU time ({@code perf stat}
 * task-clock), which other load on a shared host does not inflate as it does wall time:
 * <ul>
 * <li>{@code frequencyHz}: /proc/cpuinfo's {@code cpu MHz};</li>
 * <li>{@code syscallEntry + syscallExit} = one null system call ({@code getppid}), split in the preset's
 * proportion;</li>
 * <li>{@code contextSwitch} = (pinned pipe round trip − 4 null system calls) / 2: a round trip on one CPU is two
 * writes, two reads and two switches, so the switch absorbs the sleep, wakeup and pipe-copy paths;</li>
 * <li>{@code ipiSameL3} = (cross-CPU round trip − pinned round trip) / 2 in wall time, only on a quiet host (1-minute
 * load below the CPU count) and when positive: across CPUs the switch to idle leaves the critical path and each
 * one-way hop waits for a wakeup IPI instead; on a loaded host wall time measures the queueing, not the IPI.</li>
 * </ul>
 */
final class CostInference {

    private CostInference() {
    }

    /**
     * @param frequencyHz   the host's core clock
     * @param syscallCpu    CPU time of one null system call
     * @param pinnedCpu     CPU time of a pipe round trip between two processes on one CPU
     * @param pinnedWall    wall time of the same
     * @param crossWall     wall time of a round trip with the processes free to run on two CPUs
     * @param quiet         whether the host's load was below its CPU count, so wall times mean something
     */
    static Map<String, InferredCost> infer(long frequencyHz, double syscallCpu, double pinnedCpu, double pinnedWall,
            double crossWall, boolean quiet) {
        CostModel preset = CostModel.defaults();
        Map<String, InferredCost> out = new LinkedHashMap<>();
        preset.asMap().forEach((field, value) -> out.put(field, new InferredCost(value, InferredCost.PRESET)));
        out.put("frequencyHz", new InferredCost(frequencyHz, "/proc/cpuinfo cpu MHz"));
        CostModel host = preset.with("frequencyHz", frequencyHz);
        long syscall = host.cycles(Math.round(syscallCpu));
        long presetSyscall = preset.syscallEntry() + preset.syscallExit();
        long entry = Math.round((double) syscall * preset.syscallEntry() / presetSyscall);
        String sys = String.format(Locale.ROOT, "syscall-cpu median %.1f ns = %d cycles", syscallCpu, syscall);
        out.put("syscallEntry", new InferredCost(entry, sys + " x " + preset.syscallEntry() + "/" + presetSyscall
                + " (the preset's entry:exit proportion)"));
        out.put("syscallExit", new InferredCost(syscall - entry, sys + " - syscallEntry"));
        double switchNanos = (pinnedCpu - 4 * syscallCpu) / 2;
        if (switchNanos > 0) {
            out.put("contextSwitch", new InferredCost(host.cycles(Math.round(switchNanos)), String.format(Locale.ROOT,
                    "(pipe-pinned-cpu median %.1f ns - 4 x syscall-cpu %.1f ns) / 2 = %.1f ns", pinnedCpu,
                    syscallCpu, switchNanos)));
        }
        double ipiNanos = (crossWall - pinnedWall) / 2;
        if (quiet && ipiNanos > 0) {
            out.put("ipiSameL3", new InferredCost(host.cycles(Math.round(ipiNanos)), String.format(Locale.ROOT,
                    "(pipe-cross median %.1f ns - pipe-pinned median %.1f ns) / 2 = %.1f ns (wall)", crossWall,
                    pinnedWall, ipiNanos)));
        } else {
            out.put("ipiSameL3", new InferredCost(preset.ipiSameL3(), String.format(Locale.ROOT, "preset (%s)",
                    !quiet ? "the host was loaded: wall times measure queueing, not the IPI"
                            : String.format(Locale.ROOT, "pipe-cross %.1f ns was not slower than pipe-pinned %.1f ns",
                                    crossWall, pinnedWall))));
        }
        return out;
    }
}
