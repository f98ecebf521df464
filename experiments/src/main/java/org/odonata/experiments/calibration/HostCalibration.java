package org.odonata.experiments.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the host with real programs, each run {@code runs} times: a pipe round trip between two processes on
 * one CPU ({@code taskset -c 0 perf bench sched pipe}) and free to use two ({@code perf bench sched pipe}), a null
 * system call ({@code perf bench syscall basic}, which calls {@code getppid}), and rt-tests' hackbench in the shape
 * of the simulated {@code hackbench} workload (pipes, processes, 10 senders and 10 receivers per group, 100-byte
 * messages) at each group count. Host work, outside any simulation: the host clock is the programs' own.
 *
 * @param groups     hackbench group counts
 * @param runs       runs of every measurement; the profile keeps each run and the median
 * @param loops      hackbench messages from each sender to each receiver
 * @param pipeLoops  round trips per {@code perf bench sched pipe} run
 * @param syscalls   calls per {@code perf bench syscall basic} run
 */
public record HostCalibration(List<Integer> groups, int runs, long loops, long pipeLoops, long syscalls) {

    /** The simulated hackbench's defaults (fds, datasize), which the real runs match. */
    public static final int FDS = 10;
    public static final int DATASIZE = 100;
    private static final Pattern MHZ = Pattern.compile("(?m)^cpu MHz\\s*:\\s*([0-9.]+)");
    private static final Pattern MODEL = Pattern.compile("(?m)^model name\\s*:\\s*(.+)$");
    private static final Pattern PROCESSOR = Pattern.compile("(?m)^processor\\s*:");

    public HostCalibration {
        groups = List.copyOf(groups);
        if (groups.isEmpty() || groups.stream().anyMatch(g -> g < 1)) {
            throw new IllegalArgumentException("--groups: expected positive group counts, e.g. 1,2,4,8");
        }
        if (runs < 1 || loops < 1 || pipeLoops < 1 || syscalls < 1) {
            throw new IllegalArgumentException("runs and loop counts must be at least 1");
        }
    }

    /**
     * Measures, copies the host's sysfs topology to {@code topologyDir} and returns the profile.
     *
     * @param about    extra host lines for the profile: the tool's version, the command, a note
     * @param progress one line per measurement as it finishes
     */
    public CostProfile measure(Map<String, String> about, Path topologyDir, String topologyName,
            Consumer<String> progress) throws IOException {
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        Map<String, String> host = new LinkedHashMap<>();
        host.put("model", find(MODEL, cpuinfo, "model name").strip());
        host.put("cpus", Long.toString(PROCESSOR.matcher(cpuinfo).results().count()));
        host.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        host.put("hostname", Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
        host.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        host.put("loadavgStart", loadavg());
        host.putAll(about);
        long frequencyHz = Math.round(Double.parseDouble(find(MHZ, cpuinfo, "cpu MHz")) * 1e6);

        SysfsSnapshot.copy(Path.of("/sys"), topologyDir);

        List<Series> series = new ArrayList<>();
        List<String> pinned = List.of("taskset", "-c", "0", "perf", "bench", "sched", "pipe", "-l",
                Long.toString(pipeLoops));
        series.addAll(perf("pipe-pinned", pinned, pipeLoops, "roundtrip", progress));
        series.addAll(perf("pipe-cross", pinned.subList(3, pinned.size()), pipeLoops, "roundtrip", progress));
        series.addAll(perf("syscall", List.of("perf", "bench", "syscall", "basic", "-l", Long.toString(syscalls)),
                syscalls, "call", progress));
        List<HackbenchFigure> hackbench = new ArrayList<>();
        for (int g : groups) {
            List<String> cmd = List.of("hackbench", "-p", "-P", "-g", Integer.toString(g), "-f",
                    Integer.toString(FDS), "-l", Long.toString(loops), "-s", Integer.toString(DATASIZE));
            String line = String.join(" ", cmd);
            List<Double> seconds = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> switches = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                String out = HostProgram.HACKBENCH.run(ProgramOutputs.underPerfStat(cmd));
                seconds.add(ProgramOutputs.hackbenchSeconds(line, out));
                cpu.add(ProgramOutputs.taskClockNanos(line, out) / 1e9);
                switches.add((double) ProgramOutputs.contextSwitches(line, out));
            }
            HackbenchFigure h = new HackbenchFigure(g, FDS, loops, DATASIZE, line, seconds, cpu, switches);
            hackbench.add(h);
            progress.accept(String.format(Locale.ROOT, "hackbench -g %d: median %.3f s, %.0f ns/message (%.0f ns of "
                    + "CPU, %.3f switches)", g, h.medianSeconds(), h.nanosPerMessage(), h.cpuNanosPerMessage(),
                    h.switchesPerMessage()));
        }
        host.put("loadavgEnd", loadavg());
        Map<String, Series> byName = new LinkedHashMap<>();
        series.forEach(s -> byName.put(s.name(), s));
        double oneMinuteLoad = Double.parseDouble(host.get("loadavgStart").split(" ")[0]);
        Map<String, InferredCost> costs = CostInference.infer(frequencyHz, byName.get("syscall-cpu").median(),
                byName.get("pipe-pinned-cpu").median(), byName.get("pipe-pinned").median(),
                byName.get("pipe-cross").median(), oneMinuteLoad < Integer.parseInt(host.get("cpus")));
        return new CostProfile(host, topologyName, series, hackbench, costs);
    }

    /** The wall time per operation that perf bench prints, and the CPU time per operation perf stat counts. */
    private List<Series> perf(String name, List<String> cmd, long ops, String op, Consumer<String> progress) {
        String line = String.join(" ", cmd);
        HostProgram program = cmd.getFirst().equals("taskset") ? HostProgram.PERF_PINNED : HostProgram.PERF;
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            String out = program.run(ProgramOutputs.underPerfStat(cmd));
            wall.add(ProgramOutputs.perfNanosPerOp(line, out));
            cpu.add(ProgramOutputs.taskClockNanos(line, out) / ops);
        }
        Series w = new Series(name, line, "ns/" + op + " (wall, as perf bench prints it)", wall);
        Series c = new Series(name + "-cpu", "perf stat -e task-clock -- " + line, "ns/" + op
                + " (CPU time of every process / " + ops + ")", cpu);
        progress.accept(String.format(Locale.ROOT, "%s: median %.1f ns/%s wall, %.1f ns/%s of CPU", name, w.median(),
                op, c.median(), op));
        return List.of(w, c);
    }

    /** The 1-, 5- and 15-minute load averages, as uptime prints them. */
    private static String loadavg() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static String find(Pattern p, String text, String what) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("/proc/cpuinfo has no '" + what + "' line");
        }
        return m.group(1);
    }
}
