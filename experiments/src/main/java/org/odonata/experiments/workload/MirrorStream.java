package org.odonata.experiments.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.Workload;
import org.HdrHistogram.Histogram;
import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricDeclarations;
import org.odonata.api.vfs.Fcntl;
import org.odonata.command.hammer.MirrorLink;
import org.odonata.command.hammer.MirrorSession;
import org.odonata.command.hammer.Pfs;
import org.osgi.service.component.annotations.Component;

/**
 * HAMMER's {@code hammer mirror-stream master slavehost:slave} between two machines on one engine: a process on the
 * trial's machine makes the master PFS {@code /master} (HAMMER root, so {@code machine.disks: 1}), appends
 * {@code writeSize} bytes to {@code /master/log} every {@code writeEvery} and fsyncs each write, while a
 * {@link MirrorSession} streams the master to the slave {@code /slave} on a peer machine (booted by the runner with
 * the same variant) over a simulated {@code link}; mirror-stream's reader sleeps in HAMMERIOC_WAI_PSEUDOFS until each
 * master flush commits and sends a batch at most every {@code delay} ({@code hammer -d}). {@code lat.lag} is each
 * master flush's replication lag: from the flush's commit to the slave's {@code sync_end_tid} reaching its TID. Left
 * out: the TCP/IP and ssh framing of the records, socket buffers (the reader never blocks on the wire).
 */
@Component(service = Workload.class, property = "name=mirror-stream")
public final class MirrorStream extends SimWorkload {

    static final String MASTER = "/master";
    static final String SLAVE = "/slave";

    private static final List<Param> PARAMS = List.of(
            Param.string("link", MirrorLink.DEFAULT, "the link's bandwidth and one-way latency, BANDWIDTH[,LATENCY]"),
            Param.integer("writeSize", 65536, "bytes the writer appends to /master/log at a time"),
            Param.duration("writeEvery", "10ms", "virtual time between two writes (rate = writeSize/writeEvery)"),
            Param.bool("fsync", true, "whether the writer fsyncs each write"),
            Param.duration("delay", "5s", "the least virtual time between two batches (hammer -d, DragonFly's default "
                    + "5s; it replaces the old interval: the stream waits for each flush instead of polling)"));

    @Override
    public String name() {
        return "mirror-stream";
    }

    @Override
    public String description() {
        return "a steady writer on a HAMMER master PFS mirror-streamed to a slave on a second machine over a "
                + "simulated link; replication lag per master flush";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    public boolean needsPeer() {
        return true;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params params, RandomGenerator random) {
        throw new IllegalArgumentException("mirror-stream runs on two machines: use it in an experiment spec, or "
                + "hammer:mirror-stream SRC KERNEL:DST in the shell");
    }

    @Override
    protected MeasuredRun launch(Kernel master, Kernel slave, Params p, RandomGenerator random) {
        MirrorLink link = MirrorLink.parse(p.string("link"));
        int size = p.count("writeSize");
        long every = p.nanos("writeEvery");
        long delay = p.nanos("delay");
        boolean fsync = p.bool("fsync");
        if (size < 1 || size > 16 << 20 || every <= 0 || delay < 0) {
            throw new IllegalArgumentException("writeSize must be 1..16777216 bytes, writeEvery longer than 0, delay 0"
                    + " or longer");
        }
        RunRecord record = new RunRecord(name(), "bytes_written", List.of(
                Metric.count("writes", "writes", "writes the writer made on the master"),
                Metric.bytes("bytes_written", "bytes the writer appended on the master"),
                Metric.count("flushes_replicated", "flushes", "master flushes the slave's sync_end_tid reached"),
                Metric.count("errors", "calls", "writer calls that failed")), "lag");
        RunRecord run = record;
        MirrorSession session = MirrorSession.stream(link, MASTER, SLAVE, "mirror-stream " + MASTER + " "
                + slave.machine().name() + ":" + SLAVE, delay, Long.MAX_VALUE);
        session.shareEngine(lag -> {
            run.record("lag", lag);
            run.add("flushes_replicated", 1);
        });
        session.startDestination(slave);
        master.spawn("setup", sys -> {
            Pfs.make(sys, MASTER, false, null, "pfs-master " + MASTER);
            sys.fork(w -> write(w, size, every, fsync, run));
            session.startSource(master, (name, program) -> sys.fork(program));
        });
        return new Lagging(record, session, master);
    }

    /**
     * The run's figures, with {@code flushes_seen} and, in {@code lag}, each flush the slave has not reached when the
     * figures are taken counted with its age then (a lower bound of its lag), so an overloaded link shows its backlog
     * instead of only the flushes that made it.
     */
    private record Lagging(RunRecord record, MirrorSession session, Kernel master)
            implements MeasuredRun, MetricDeclarations {

        @Override
        public String name() {
            return record.name();
        }

        @Override
        public Map<String, Long> counters() {
            Map<String, Long> c = new LinkedHashMap<>(record.counters());
            c.put("flushes_seen", (long) session.flushesSeen());
            return c;
        }

        @Override
        public List<Metric> metrics() {
            List<Metric> m = new ArrayList<>(record.metrics());
            m.add(Metric.count("flushes_seen", "flushes", "master flushes mirror-stream saw"));
            return m;
        }

        @Override
        public String throughputCounter() {
            return record.throughputCounter();
        }

        @Override
        public Map<String, Histogram> latencies() {
            Histogram lag = record.latencies().get("lag").copy();
            for (long age : session.unreplicatedAges(master.now())) {
                lag.recordValue(age);
            }
            return Map.of("lag", lag);
        }

        @Override
        public void resetLatencies() {
            record.resetLatencies();
        }
    }

    /** A steady writer: {@code size} bytes appended every {@code every}, each fsync'd when asked. */
    private static void write(Syscalls sys, int size, long every, boolean fsync, RunRecord run) {
        int fd = sys.open(MASTER + "/log", Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_APPEND, 0644);
        if (fd < 0) {
            run.add("errors", 1);
            return;
        }
        byte[] block = new byte[size];
        long next = sys.now();
        for (long n = 0;; n++) {
            // new content every time, so every flush carries new data
            block[(int) (n % size)]++;
            if (sys.write(fd, block, 0, size) != size || fsync && sys.fsync(fd) != 0) {
                run.add("errors", 1);
            } else {
                run.add("writes", 1);
                run.add("bytes_written", size);
            }
            next += every;
            long now = sys.now();
            if (next > now) {
                sys.nanosleep(next - now);
            }
        }
    }
}
