package org.odonata.experiments.rtapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.odonata.experiments.rtapp.RtAppJson.Arr;
import org.odonata.experiments.rtapp.RtAppJson.Bool;
import org.odonata.experiments.rtapp.RtAppJson.Member;
import org.odonata.experiments.rtapp.RtAppJson.Missing;
import org.odonata.experiments.rtapp.RtAppJson.Num;
import org.odonata.experiments.rtapp.RtAppJson.Obj;
import org.odonata.experiments.rtapp.RtAppJson.Str;
import org.odonata.experiments.rtapp.RtAppJson.Value;

/**
 * An imported rt-app workload file ({@code doc/tutorial.txt} of the rt-app project): the {@code global}
 * settings that matter to a simulation and the tasks with their phases and events. What rt-app does and this
 * simulation does not (logging, ftrace, calibration, CPU affinity, memory binding, priority inheritance,
 * deadline parameters) is accepted and listed in {@link #notes()}, never silently dropped.
 * Cost: one pass over the file.
 *
 * @param durationSeconds {@code global.duration}, or -1 when the file runs until stopped
 * @param notes           what was accepted but not modelled, one sentence each
 */
public record RtAppFile(Path source, long durationSeconds, List<RtAppTask> tasks, List<String> notes) {

    private static final Set<String> GLOBAL_IGNORED = Set.of("logdir", "log_basename", "log_size", "ftrace",
            "gnuplot", "lock_pages", "frag", "io_device", "mem_buffer_size", "cumulative_slack", "calibration");
    private static final Set<String> TASK_IGNORED = Set.of("cpus", "nodes_membind", "numa_membind", "util_min",
            "util_max", "taskgroup", "dl-runtime", "dl-period", "dl-deadline");

    public RtAppFile {
        tasks = List.copyOf(tasks);
        notes = List.copyOf(notes);
    }

    /**
     * @throws IllegalArgumentException naming the file, line and what was expected
     */
    public static RtAppFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the rt-app file " + file + ": "
                    + org.odonata.command.PlainMessage.of(e));
        }
        return parse(file, text);
    }

    public static RtAppFile parse(Path file, String text) {
        return new Importer(file).file(RtAppJson.parse(file.toString(), text));
    }

    public RtAppTask task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** Converts the parsed tree, collecting notes. */
    private static final class Importer {

        private final Path file;
        private final Set<String> notes = new LinkedHashSet<>();
        private final Map<RtAppEvent, Integer> lines = new IdentityHashMap<>();
        private String defaultPolicy = "SCHED_OTHER";

        Importer(Path file) {
            this.file = file;
        }

        RtAppFile file(Value root) {
            Obj top = obj(root, "the file", 1);
            Obj tasksObj = null;
            long duration = -1;
            for (Member m : top.members()) {
                switch (m.key()) {
                    case "tasks" -> tasksObj = obj(m.value(), "\"tasks\"", m.line());
                    case "global" -> duration = global(obj(m.value(), "\"global\"", m.line()));
                    case "resources" -> notes.add("\"resources\" is rt-app's old explicit resource list; resources "
                            + "are created from the events that name them");
                    default -> notes.add("top-level \"" + m.key() + "\" is not an rt-app section; ignored");
                }
            }
            if (tasksObj == null) {
                throw error(top.line(), "no \"tasks\" object");
            }
            List<RtAppTask> tasks = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Member m : tasksObj.members()) {
                int n = seen.merge(m.key(), 1, Integer::sum);
                String name = n == 1 ? m.key() : m.key() + "-" + n;
                if (n > 1) {
                    notes.add("task \"" + m.key() + "\" appears " + n + " times; the repeat runs as \"" + name + "\"");
                }
                tasks.add(task(name, obj(m.value(), "task \"" + m.key() + "\"", m.line()), m.line()));
            }
            if (tasks.isEmpty()) {
                throw error(tasksObj.line(), "\"tasks\" is empty");
            }
            for (RtAppTask t : tasks) {
                for (RtAppPhase p : t.phases()) {
                    for (RtAppEvent e : p.events()) {
                        if (e.kind() == RtAppEvent.Kind.FORK && tasks.stream().noneMatch(x -> x.name().equals(e.ref()))) {
                            throw error(tasksObj.line(), "task \"" + t.name() + "\" forks \"" + e.ref()
                                    + "\", which is not a task of this file");
                        }
                    }
                }
            }
            MutexUse.check(tasks, lines, this::error, notes);
            int instances = tasks.stream().mapToInt(RtAppTask::instances).sum();
            if (instances > 1000) {
                notes.add(instances + " task instances: rt-app's launcher forks them one after another, so the "
                        + "last starts only after every earlier fork (tens of microseconds each, longer when the "
                        + "running tasks compete for the CPUs)");
            }
            return new RtAppFile(file, duration, tasks, List.copyOf(notes));
        }

        private long global(Obj g) {
            long duration = -1;
            List<String> ignored = new ArrayList<>();
            for (Member m : g.members()) {
                switch (m.key()) {
                    case "duration" -> duration = integer(m, -1, Long.MAX_VALUE);
                    case "default_policy" -> {
                        defaultPolicy = string(m);
                        policy(defaultPolicy, 0, m.line());
                    }
                    case "pi_enabled" -> {
                        if (m.value() instanceof Bool b && b.value()) {
                            notes.add("pi_enabled: priority inheritance is not modelled; mutexes hand over in "
                                    + "FIFO order");
                        }
                    }
                    default -> {
                        if (GLOBAL_IGNORED.contains(m.key())) {
                            ignored.add(m.key());
                        } else {
                            notes.add("global \"" + m.key() + "\" is not known; ignored");
                        }
                    }
                }
            }
            if (ignored.contains("calibration")) {
                notes.add("calibration: run events are microseconds of CPU work at the simulated core's frequency, "
                        + "so no calibration is needed");
                ignored.remove("calibration");
            }
            if (!ignored.isEmpty()) {
                notes.add("global " + String.join(", ", ignored) + ": logging and host settings, not simulated");
            }
            return duration;
        }

        private RtAppTask task(String name, Obj t, int line) {
            int instances = 1;
            int loop = -1;
            long delay = 0;
            String policy = defaultPolicy;
            Integer priority = null;
            Obj phases = null;
            List<RtAppEvent> own = new ArrayList<>();
            for (Member m : t.members()) {
                switch (m.key()) {
                    case "instance" -> instances = (int) integer(m, 0, 10_000);
                    case "loop" -> loop = (int) integer(m, -1, Integer.MAX_VALUE);
                    case "delay" -> delay = integer(m, 0, Long.MAX_VALUE);
                    case "policy" -> policy = string(m);
                    case "priority" -> priority = (int) integer(m, -20, 99);
                    case "phases" -> phases = obj(m.value(), "\"phases\" of task \"" + name + "\"", m.line());
                    default -> {
                        RtAppEvent e = event(name, m);
                        if (e != null) {
                            own.add(e);
                            lines.put(e, m.line());
                        }
                    }
                }
            }
            RtAppPolicy p = policy(policy, priority == null ? (policy.toUpperCase().contains("OTHER")
                    || policy.toUpperCase().contains("BATCH") ? 0 : 10) : priority, line);
            List<RtAppPhase> list = new ArrayList<>();
            if (phases != null) {
                if (!own.isEmpty()) {
                    notes.add("task \"" + name + "\" has both phases and events of its own; rt-app runs the "
                            + "phases only, and so does this import");
                }
                Map<String, Integer> seen = new LinkedHashMap<>();
                for (Member m : phases.members()) {
                    if (seen.merge(m.key(), 1, Integer::sum) > 1) {
                        notes.add("task \"" + name + "\" repeats phase \"" + m.key() + "\"; both run, in file order "
                                + "(as after workgen renames them)");
                    }
                    list.add(phase(name, m.key(), obj(m.value(), "phase \"" + m.key() + "\"", m.line())));
                }
            } else {
                list.add(new RtAppPhase(name, 1, own));
            }
            if (list.stream().allMatch(ph -> ph.events().isEmpty())) {
                throw error(line, "task \"" + name + "\" has no events");
            }
            return new RtAppTask(name, instances, loop, delay, p, list);
        }

        private RtAppPhase phase(String task, String name, Obj ph) {
            int loop = 1;
            List<RtAppEvent> events = new ArrayList<>();
            for (Member m : ph.members()) {
                if (m.key().equals("loop")) {
                    loop = (int) integer(m, -1, Integer.MAX_VALUE);
                } else {
                    RtAppEvent e = event(task, m);
                    if (e != null) {
                        events.add(e);
                        lines.put(e, m.line());
                    }
                }
            }
            return new RtAppPhase(name, loop, events);
        }

        private RtAppEvent event(String task, Member m) {
            if (TASK_IGNORED.contains(m.key())) {
                notes.add(switch (m.key()) {
                    case "cpus" -> "cpus: CPU affinity is not in the kernel API; tasks run where the scheduler puts them";
                    case "dl-runtime", "dl-period", "dl-deadline" -> m.key() + ": SCHED_DEADLINE parameters have no "
                            + "DragonFly equivalent; ignored";
                    default -> m.key() + ": not modelled; ignored";
                });
                return null;
            }
            RtAppEvent.Kind kind = RtAppEvent.Kind.of(m.key());
            if (kind == null) {
                notes.add("task \"" + task + "\": \"" + m.key() + "\" is not an rt-app event; ignored");
                return null;
            }
            return switch (kind) {
                case RUN, RUNTIME, SLEEP, MEM, IORUN -> new RtAppEvent(kind, integer(m, 0, Long.MAX_VALUE), null, null);
                case TIMER -> {
                    Obj o = obj(m.value(), "timer", m.line());
                    String ref = null;
                    long period = -1;
                    for (Member x : o.members()) {
                        switch (x.key()) {
                            case "ref" -> ref = string(x);
                            case "period" -> period = integer(x, 1, Long.MAX_VALUE);
                            case "mode" -> {
                                if (!"absolute".equals(string(x))) {
                                    notes.add("timer mode \"" + string(x) + "\": timers run in absolute mode");
                                }
                            }
                            default -> notes.add("timer \"" + x.key() + "\" ignored");
                        }
                    }
                    if (ref == null || period < 0) {
                        throw error(m.line(), "a timer needs \"ref\" and \"period\"");
                    }
                    yield new RtAppEvent(kind, period, ref, null);
                }
                case WAIT, SYNC -> {
                    Obj o = obj(m.value(), m.key(), m.line());
                    String ref = null;
                    String mutex = null;
                    for (Member x : o.members()) {
                        if (x.key().equals("ref")) {
                            ref = string(x);
                        } else if (x.key().equals("mutex")) {
                            mutex = string(x);
                        }
                    }
                    if (ref == null || mutex == null) {
                        throw error(m.line(), "\"" + m.key() + "\" needs { \"ref\": …, \"mutex\": … }");
                    }
                    yield new RtAppEvent(kind, 0, ref, mutex);
                }
                case SUSPEND -> new RtAppEvent(kind, 0, m.value() instanceof Missing
                        || m.value() instanceof Str s && s.value().isEmpty() ? task : string(m), null);
                case YIELD -> new RtAppEvent(kind, 0, null, null);
                case LOCK, UNLOCK, SIGNAL, BROADCAST, BARRIER, RESUME, FORK -> new RtAppEvent(kind, 0, string(m), null);
            };
        }

        private RtAppPolicy policy(String policy, int priority, int line) {
            try {
                RtAppPolicy p = RtAppPolicy.of(policy, priority);
                if (p.linuxPolicy().equals("SCHED_DEADLINE")) {
                    notes.add("SCHED_DEADLINE has no DragonFly equivalent: run as realtime level 0 (before every "
                            + "FIFO/RR task, as in Linux), without EDF ordering or bandwidth enforcement");
                }
                return p;
            } catch (IllegalArgumentException e) {
                throw error(line, e.getMessage());
            }
        }

        private Obj obj(Value v, String what, int line) {
            if (v instanceof Obj o) {
                return o;
            }
            throw error(line, what + " must be an object { … }");
        }

        private long integer(Member m, long min, long max) {
            if (m.value() instanceof Num n && n.value() == Math.rint(n.value()) && n.value() >= min
                    && n.value() <= max) {
                return (long) n.value();
            }
            throw error(m.line(), "\"" + m.key() + "\" expects an integer from " + min + " to " + max + ", found "
                    + show(m.value()));
        }

        private String string(Member m) {
            if (m.value() instanceof Str s) {
                return s.value();
            }
            throw error(m.line(), "\"" + m.key() + "\" expects a string, found " + show(m.value()));
        }

        private static String show(Value v) {
            return switch (v) {
                case Num n -> n.text();
                case Str s -> "\"" + s.value() + "\"";
                case Bool b -> String.valueOf(b.value());
                case Obj o -> "an object";
                case Arr a -> "a list";
                case Missing x -> "nothing";
                default -> "null";
            };
        }

        private IllegalArgumentException error(int line, String message) {
            return new IllegalArgumentException(file + ":" + line + ": " + message);
        }
    }
}
