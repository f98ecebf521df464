package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * hackbench (perf bench sched messaging) in pipe mode: {@code groups} groups of {@code fds} senders and
 * {@code fds} receivers; every sender writes {@code loops} messages of {@code datasize} bytes to every
 * receiver of its group, each receiver has its own pipe. It stresses wakeups, pipe hand-offs and the
 * scheduler's choice of CPU for a woken reader.
 * <p>
 * Every sender first sleeps a start offset drawn uniformly from [0, {@code startJitter}) of its own seeded
 * stream: the real tool forks every group one after the other and releases them from a barrier, so senders
 * reach their first write at scattered times that differ from run to run; the offsets give trials with different
 * seeds that variation while a seed replays exactly.
 * <p>
 * With {@code barrier=true} every child first blocks reading one byte of a start pipe, which the parent fills once
 * every group is forked, as the real tool's {@code ready}/{@code wakefd} barrier holds them: without it, children
 * run while the parent still forks, and under dfly the parent, charged for each fork ({@code dfly_forking}), can
 * sink behind them and leave groups unforked. Off by default, which keeps existing runs' digests.
 * <p>
 * Left out: socketpairs (the kernel offers pipes only); the {@code -T} thread mode runs
 * processes that share nothing but their pipes, because the system-call layer has no thread creation, so
 * {@code mode} only changes the names; {@code loops=0} sends until the trial ends instead of stopping.
 */
@Component(service = Workload.class, property = "name=hackbench")
public final class Hackbench extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.integer("groups", 2, "groups of senders and receivers (-g)"),
            Param.integer("fds", 10, "senders and receivers per group (-f)"),
            Param.integer("loops", 100, "messages each sender sends each receiver (-l); 0: until the trial ends"),
            Param.integer("datasize", 100, "bytes per message (-s)"),
            Param.duration("startJitter", "200us", "each sender starts after a uniform random offset below this"),
            Param.bool("barrier", false, "children wait until every group is forked, as the real tool's do"),
            Param.choice("mode", "process", "process or thread (-P/-T): both run processes here", "process",
                    "thread"));

    @Override
    public String name() {
        return "hackbench";
    }

    @Override
    public String description() {
        return "groups of senders and receivers exchanging messages over pipes (hackbench -p)";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random) {
        int groups = p.count("groups");
        int fds = p.count("fds");
        long loops = p.integer("loops");
        int size = p.count("datasize");
        long startJitter = p.nanos("startJitter");
        if (groups < 1 || fds < 1 || size < 1) {
            throw new IllegalArgumentException("groups, fds and datasize must be at least 1");
        }
        RunRecord run = new RunRecord(name(), "messages", List.of(
                Metric.count("messages", "msg", "messages received"),
                Metric.bytes("bytes", "bytes received"),
                Metric.count("receivers_done", "receivers", "receivers that got all their messages")));
        String kind = p.string("mode").equals("thread") ? "thread" : "proc";
        boolean barrier = p.bool("barrier");
        kernel.spawn("hackbench", sys -> {
            int[] start = barrier ? sys.pipe() : null;
            for (int g = 0; g < groups; g++) {
                int[][] pipes = new int[fds][];
                for (int r = 0; r < fds; r++) {
                    pipes[r] = sys.pipe();
                }
                for (int r = 0; r < fds; r++) {
                    int fd = pipes[r][0];
                    fork(sys, afterStart(start, receiver(run, fd, loops * fds * size, size)));
                }
                for (int s = 0; s < fds; s++) {
                    fork(sys, afterStart(start, sender(pipes, loops, size, startJitter)));
                }
                for (int[] pipe : pipes) {
                    sys.close(pipe[0]);
                    sys.close(pipe[1]);
                }
            }
            if (start != null) {
                byte[] go = new byte[groups * fds * 2];
                for (int off = 0; off < go.length; ) {
                    int n = sys.write(start[1], go, off, go.length - off);
                    if (n <= 0) {
                        throw new IllegalStateException("hackbench: cannot release the children: write " + n);
                    }
                    off += n;
                }
                sys.close(start[0]);
                sys.close(start[1]);
            }
            while (sys.waitpid() > 0) {
                // reap every sender and receiver; waitpid blocks until one exits
            }
        });
        return run;
    }

    /** {@code program} once it has read its byte of the start pipe, or at once without a barrier. */
    private static UserProgram afterStart(int[] start, UserProgram program) {
        if (start == null) {
            return program;
        }
        return sys -> {
            if (sys.read(start[0], new byte[1], 0, 1) == 1) {
                sys.close(start[0]);
                sys.close(start[1]);
                program.main(sys);
            }
        };
    }

    private static UserProgram receiver(RunRecord run, int fd, long total, int size) {
        RunRecord.Counter bytes = run.counter("bytes");
        RunRecord.Counter messages = run.counter("messages");
        return sys -> {
            byte[] buf = new byte[size];
            long got = 0;
            long partial = 0;
            while (total == 0 || got < total) {
                int n = sys.read(fd, buf, 0, size);
                if (n <= 0) {
                    break;
                }
                got += n;
                partial += n;
                bytes.add(n);
                messages.add(partial / size);
                partial %= size;
            }
            run.add("receivers_done", 1);
        };
    }

    private static UserProgram sender(int[][] pipes, long loops, int size, long startJitter) {
        return (Syscalls sys) -> {
            long offset = Variates.uniform(sys.random(), 0, startJitter);
            if (offset > 0) {
                sys.nanosleep(offset);
            }
            byte[] msg = new byte[size];
            for (long i = 0; loops == 0 || i < loops; i++) {
                for (int[] pipe : pipes) {
                    if (sys.write(pipe[1], msg, 0, size) < 0) {
                        return;
                    }
                }
            }
        };
    }
}
