package org.odonata.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.odonata.replay.strace.Syscall;
import org.odonata.replay.strace.Trace;
import org.odonata.replay.strace.TraceEvent;
import org.odonata.replay.strace.TraceFormatException;

/**
 * Turns a trace into one {@link ProcessPlan} per traced process, following the host's state as the trace shows it:
 * each process's current directory and descriptor table (inherited at fork, pruned by close-on-exec at exec), so
 * that every call is classified — replayed (its path or descriptor is under {@code DIR}), skipped (outside, not a
 * file call, no result) or unsupported (under {@code DIR}, but a call or flag the replay cannot make) — and each
 * replayed call gets its place in the global order.
 */
final class Planner {

    /** The planned replay. */
    record Plan(List<ProcessPlan> plans, List<Integer> roots, int[] owners, int[] seqLines, long spanNanos,
            ReplayReport report) {
    }

    /** A descriptor of a traced process, as the host had it. */
    static final class HostFd {
        /** Its absolute host path (components), or null when unknown. */
        final List<byte[]> path;
        /** Under DIR: a file there, or a socket bound to a name there. */
        boolean inside;
        boolean cloexec;
        /** A UNIX-domain socket's type and flags as {@code socket(2)} took them, or -1 for no socket. */
        long socket = -1;

        HostFd(List<byte[]> path, boolean inside, boolean cloexec) {
            this.path = path;
            this.inside = inside;
            this.cloexec = cloexec;
        }

        HostFd copy() {
            HostFd c = new HostFd(path, inside, cloexec);
            c.socket = socket;
            return c;
        }
    }

    /** A traced process (its threads share it). */
    static final class HostProc {
        final ProcessPlan plan;
        List<byte[]> cwd;
        final Map<Integer, HostFd> fds;
        /** When its last replayed call ended, in trace nanoseconds; -1 without timestamps. */
        long lastEnd;

        HostProc(ProcessPlan plan, List<byte[]> cwd, Map<Integer, HostFd> fds, long lastEnd) {
            this.plan = plan;
            this.cwd = cwd;
            this.fds = fds;
            this.lastEnd = lastEnd;
        }

        boolean cwdInside(HostPaths paths) {
            return paths.inside(cwd);
        }
    }

    static final String OUTSIDE = "outside DIR";
    static final String NOT_FILE = "not a file call";
    static final String NO_RESULT = "no result in the trace";
    static final String FAILED_IOCTL = "ioctl that failed on the host (the model has none)";
    static final String NO_XATTR = "extended attribute call with no effect (the model has none)";
    static final String ADVISORY = "advice or file mapping (not compared)";
    static final String SOCKET = "UNIX-domain socket not bound under DIR";

    final Trace trace;
    final HostPaths paths;
    private final Map<Integer, HostProc> byPid = new HashMap<>();
    /** Host paths (as {@link HostPaths#join} gives them) where the trace made a FIFO. */
    final Set<String> fifos = new HashSet<>();
    private final List<ProcessPlan> plans = new ArrayList<>();
    private final List<Integer> roots = new ArrayList<>();
    private final List<Integer> owners = new ArrayList<>();
    private final List<Integer> seqLines = new ArrayList<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> unsupported = new TreeMap<>();
    private final Map<String, Long> unknown = new TreeMap<>();
    private long firstNanos = -1;
    private long lastNanos = -1;

    Planner(Trace trace, ReplayOptions options) {
        this.trace = trace;
        this.paths = new HostPaths(options.hostDir(), options.into());
    }

    Plan plan() {
        List<Syscall> calls = new ArrayList<>(trace.calls());
        // strace -f prints a fork's result after the child's first calls: a fork is due when it was made
        calls.sort(Comparator.comparingInt(c -> Calls.FORKS.contains(c.name()) ? c.line() : c.endLine()));
        for (TraceEvent e : trace.events()) {
            if (e instanceof Syscall c && c.startNanos() >= 0) {
                firstNanos = firstNanos < 0 ? c.startNanos() : Math.min(firstNanos, c.startNanos());
                lastNanos = Math.max(lastNanos, c.startNanos() + Math.max(0, c.durationNanos()));
            }
        }
        Calls builder = new Calls(this);
        for (Syscall c : calls) {
            if (!Linux.SYSCALLS.contains(c.name())) {
                unknown.merge(c.name(), 1L, Long::sum);
                continue;
            }
            HostProc p = proc(c.pid());
            if (c.ret() == null || !c.ret().known()) {
                skip(c.name().startsWith("exit") ? NOT_FILE : NO_RESULT);
                continue;
            }
            try {
                builder.plan(p, c);
            } catch (Unsupported u) {
                unsupported.merge(u.what(), 1L, Long::sum);
            } catch (TraceFormatException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new TraceFormatException(trace.source(), c.line(), e.getMessage());
            }
        }
        int[] own = owners.stream().mapToInt(Integer::intValue).toArray();
        int[] lines = seqLines.stream().mapToInt(Integer::intValue).toArray();
        long span = firstNanos < 0 ? 0 : lastNanos - firstNanos;
        return new Plan(List.copyOf(plans), List.copyOf(roots), own, lines, span,
                new ReplayReport(trace.source(), skipped, unsupported, unknown));
    }

    /** The process of a pid; one the trace did not show being forked starts in {@code DIR} with no descriptors. */
    HostProc proc(int pid) {
        HostProc p = byPid.get(pid);
        if (p == null) {
            ProcessPlan plan = new ProcessPlan(plans.size(), pid);
            plans.add(plan);
            roots.add(plan.index);
            p = new HostProc(plan, HostPaths.split(paths.dir()), new HashMap<>(), firstNanos);
            byPid.put(pid, p);
        }
        return p;
    }

    /** A child forked by {@code parent}: its cwd and a copy of its descriptors. */
    HostProc fork(HostProc parent, int childPid, long startNanos) {
        ProcessPlan plan = new ProcessPlan(plans.size(), childPid);
        plans.add(plan);
        Map<Integer, HostFd> fds = new HashMap<>();
        parent.fds.forEach((k, v) -> fds.put(k, v.copy()));
        HostProc child = new HostProc(plan, new ArrayList<>(parent.cwd), fds, startNanos);
        byPid.put(childPid, child);
        return child;
    }

    /** A thread shares its process. */
    void thread(HostProc process, int tid) {
        byPid.put(tid, process);
    }

    void skip(String why) {
        skipped.merge(why, 1L, Long::sum);
    }

    /** Appends a replayed call to its process's program and to the global order. */
    void add(HostProc p, Op op) {
        Syscall c = op.call;
        if (c.startNanos() >= 0 && p.lastEnd >= 0) {
            op.think = Math.max(0, c.startNanos() - p.lastEnd);
        }
        if (c.startNanos() >= 0) {
            p.lastEnd = c.startNanos() + Math.max(0, c.durationNanos());
        }
        op.seq = owners.size();
        owners.add(p.plan.index);
        seqLines.add(c.line());
        p.plan.ops.add(op);
    }
}
