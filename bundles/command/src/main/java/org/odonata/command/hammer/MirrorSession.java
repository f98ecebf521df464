package org.odonata.command.hammer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.vfs.Fcntl;

/**
 * {@code hammer mirror-copy|mirror-stream SRC host:DST} (sbin/hammer/cmd_mirror.c, where ssh carries the records)
 * between two simulated machines: a {@code mirror-read} process on SRC's kernel and a {@code mirror-write} process on
 * DST's kernel joined by a {@link MirrorLink}, in the protocol of DragonFly's two-way pipe ({@code hammer -2},
 * automatic for mirror-copy): the reader sends its PFS's configuration (a PFSD record), the writer makes the slave if
 * DST does not exist ({@code hammer -y}) and answers with its {@code sync_end_tid} (an UPDATE record), the reader sends
 * the changes after it as one batch, and the writer answers each batch with an UPDATE once it is durable and
 * {@code sync_end_tid} advanced (hammer_ioc_mirror_write). The reader waits for that answer, then, as
 * hammer_cmd_mirror_read does, sleeps in HAMMERIOC_WAI_PSEUDOFS until the master's next flush commits past the batch
 * (the flusher wakes it) and, if that came sooner than {@code delay} ({@code hammer -d}) after the answer, sleeps the
 * rest before it reads the next batch.
 *
 * <p>A stream also runs a {@code mirror-lag} process on SRC that sleeps in HAMMERIOC_WAI_PSEUDOFS too and notes each
 * master flush as it commits; a flush's replication lag is the virtual time from then to the slave's
 * {@code sync_end_tid} reaching its TID. Simplifications: the wire carries the records' bytes only (no TCP/IP or ssh
 * framing) and the reader never blocks on a full socket buffer; the model's sleeps take no signal, so the two
 * processes also wake every {@value #STOP_CHECK_NANOS} ns of virtual time to see whether the stream was stopped or
 * its time is up (DragonFly's SIGINT ends the PCATCH sleep).
 *
 * <p>The driver advances the kernels and carries the records. On one engine ({@link #shareEngine}) a record is
 * scheduled at its arrival as it is sent. On two engines ({@link #startSource}, {@link #startDestination}) the driver
 * advances both in lockstep quanta and between quanta takes the records sent ({@link #drain}) and hands each side its
 * own on that side's thread ({@link #deliverToSource}, {@link #deliverToDestination}): exact when a quantum is no
 * longer than the link's latency, since every record sent in a quantum then arrives after its end.
 */
public final class MirrorSession {

    /** A PFSD record: the record header and {@code struct hammer_pseudofs_data}. */
    static final int PFSD_BYTES = 16 + 208;
    /** An UPDATE record: the record header and a TID. */
    static final int UPDATE_BYTES = 16 + 8;
    /** How often a process waiting for a flush also looks whether the stream was stopped or its time is up. */
    static final long STOP_CHECK_NANOS = 100_000_000L;

    private enum Kind { PFSD, STREAM, UPDATE, EOF }

    /** A record on the wire: PFSD carries the shared UUID, STREAM a mirror stream, UPDATE a sync_end_tid. */
    private record Msg(Kind kind, String uuid, long tid, byte[] stream) {

        int wireBytes() {
            return switch (kind) {
                case PFSD -> PFSD_BYTES;
                case UPDATE -> UPDATE_BYTES;
                case STREAM -> stream.length;
                case EOF -> 0;
            };
        }
    }

    private record Arrival(long time, Msg msg) {
    }

    /** The records sent in both directions since the last {@link #drain}, for a lockstep driver to deliver. */
    public static final class Carried {
        private final List<Arrival> toSource;
        private final List<Arrival> toDestination;

        private Carried(List<Arrival> toSource, List<Arrival> toDestination) {
            this.toSource = toSource;
            this.toDestination = toDestination;
        }
    }

    /** One direction of the link: records serialised one after another, then the latency. */
    private final class Wire {
        final List<Arrival> inFlight = new ArrayList<>();
        Socket receiver;
        long busyUntil;
        long records;
        long bytes;

        /**
         * Sends a record, unless the link broke: the record that crosses the byte where the forward direction
         * breaks ({@link #breakAfter}) arrives cut there (a STREAM's bytes up to it; any other record not at all),
         * then both ends read EOF.
         */
        void send(long now, Msg m) {
            if (broken) {
                return;
            }
            if (this == forward && breakAt >= 0 && m.kind() != Kind.EOF && bytes + m.wireBytes() > breakAt) {
                broken = true;
                int crossed = (int) (breakAt - bytes);
                if (m.kind() == Kind.STREAM && crossed > 0) {
                    post(now, new Msg(Kind.STREAM, null, 0, Arrays.copyOf(m.stream(), crossed)));
                }
                forward.post(now, new Msg(Kind.EOF, null, 0, null));
                backward.post(now, new Msg(Kind.EOF, null, 0, null));
                return;
            }
            post(now, m);
        }

        private void post(long now, Msg m) {
            long start = Math.max(now, busyUntil);
            busyUntil = start + link.serialisationNanos(m.wireBytes());
            Arrival a = new Arrival(busyUntil + link.latencyNanos(), m);
            if (m.kind() != Kind.EOF) {
                records++;
                bytes += m.wireBytes();
            }
            if (shared) {
                receiver.deliver(List.of(a));
            } else {
                inFlight.add(a);
            }
        }

        List<Arrival> drain() {
            List<Arrival> out = List.copyOf(inFlight);
            inFlight.clear();
            return out;
        }
    }

    /** The receiving end of the connection on one kernel: a process sleeps on it until a record is queued. */
    private static final class Socket {
        final Kernel kernel;
        final ArrayDeque<Msg> queue = new ArrayDeque<>();
        final long ident;
        boolean closed;

        Socket(Kernel kernel) {
            this.kernel = kernel;
            this.ident = kernel.kthreads().newIdent();
        }

        /** The next record, or null once the other end closed; called by a process of {@link #kernel}. */
        Msg receive() {
            while (queue.isEmpty() && !closed) {
                kernel.kthreads().tsleep(ident, "sbwait", 0);
            }
            return queue.poll();
        }

        /**
         * Each record is queued at its arrival (never before the kernel's now) by a {@code netisr} kernel thread,
         * which wakes the process sleeping on the socket; called on the kernel's thread.
         */
        void deliver(List<Arrival> arrivals) {
            for (Arrival a : arrivals) {
                kernel.machine().engine().at(Math.max(a.time(), kernel.now()), () -> kernel.kthreads().create(
                        "netisr", 0, () -> {
                            if (a.msg().kind() == Kind.EOF) {
                                closed = true;
                            } else {
                                queue.add(a.msg());
                            }
                            kernel.kthreads().wakeup(ident);
                        }));
            }
        }
    }

    /** What one of the session's processes left: its report, its failure, whether it has exited. */
    private static final class Side {
        final StringBuilder out = new StringBuilder();
        String first;
        String last;
        int lines;
        RuntimeException failure;
        boolean done;

        /** Notes a batch's line; the report keeps the first and the last. */
        void line(String line) {
            first = first == null ? line : first;
            last = line;
            lines++;
        }

        String report() {
            return out + (first == null ? "" : first + "\n") + (lines > 1 ? "...\n" + last + "\n" : "");
        }
    }

    private final MirrorLink link;
    private final String srcPath;
    private final String dstPath;
    private final String what;
    private final boolean stream;
    private final long delay;
    private final long duration;
    private final Wire forward = new Wire();
    private final Wire backward = new Wire();
    private final Side reader = new Side();
    private final Side writer = new Side();
    private final Side watcher = new Side();
    /** Master flushes seen: TID and the virtual time mirror-lag saw it (SRC's thread only). */
    private final List<long[]> flushes = new ArrayList<>();
    /** The slave's sync_end_tid after each batch and the virtual time it was durable (DST's thread only). */
    private final List<long[]> syncs = new ArrayList<>();
    private final long[] totals = new long[3];
    private boolean shared;
    private boolean stopped;
    /** Forward bytes after which the link breaks, or -1; and whether it did. */
    private long breakAt = -1;
    private boolean broken;
    private LongConsumer lagListener;
    /** The first flush whose lag {@link #lagListener} has not been told. */
    private int nextFlush;
    private int batches;
    private long started = -1;
    private long ended = -1;
    /** The virtual time the reader exited (SRC's thread only), or -1. */
    private long readerExited = -1;

    /** mirror-copy: one batch. */
    public static MirrorSession copy(MirrorLink link, String srcPath, String dstPath, String what) {
        return new MirrorSession(link, srcPath, dstPath, what, false, 0, 0);
    }

    /**
     * mirror-stream: a batch, then one after each master flush.
     *
     * @param delay    the least virtual time from a batch's answer to the next batch ({@code hammer -d}; DragonFly's
     *                 default is 5 s)
     * @param duration virtual time after which the stream sends no more batches ({@link Long#MAX_VALUE}: never)
     * @param what     the command line, which failures start with
     */
    public static MirrorSession stream(MirrorLink link, String srcPath, String dstPath, String what, long delay,
            long duration) {
        if (delay < 0 || duration <= 0) {
            throw new IllegalArgumentException(what + ": the delay must be 0 or more, the duration more than 0");
        }
        return new MirrorSession(link, srcPath, dstPath, what, true, delay, duration);
    }

    private MirrorSession(MirrorLink link, String srcPath, String dstPath, String what, boolean stream, long delay,
            long duration) {
        this.link = link;
        this.srcPath = srcPath;
        this.dstPath = dstPath;
        this.what = what;
        this.stream = stream;
        this.delay = delay;
        this.duration = duration;
        // a copy has no stream to watch
        watcher.done = !stream;
    }

    /** How a process is started: {@link Kernel#spawn}, or {@link Syscalls#fork} from a process already running. */
    @FunctionalInterface
    public interface Spawner {
        void spawn(String name, UserProgram program);
    }

    /**
     * Both kernels on one engine: a record is scheduled at its arrival as it is sent, and each replication lag is
     * told to {@code lags} as soon as the slave reaches the flush. {@link #startSource(Kernel, Spawner)} and
     * {@link #startDestination} then start the processes.
     */
    public void shareEngine(LongConsumer lags) {
        shared = true;
        lagListener = lags;
    }

    /** Spawns mirror-read (and for a stream mirror-lag) on SRC's kernel; call on its thread. */
    public void startSource(Kernel src) {
        startSource(src, src::spawn);
    }

    /** Starts mirror-read (and for a stream mirror-lag) on SRC's kernel with {@code spawner}. */
    public void startSource(Kernel src, Spawner spawner) {
        Socket in = new Socket(src);
        backward.receiver = in;
        started = src.now();
        start(spawner, "mirror-read", reader, sys -> readSide(sys, in), () -> {
            readerExited = src.now();
            forward.send(src.now(), new Msg(Kind.EOF, null, 0, null));
        });
        if (stream) {
            start(spawner, "mirror-lag", watcher, this::watchSide, () -> { });
        }
    }

    /** Spawns mirror-write on DST's kernel; call on its thread. */
    public void startDestination(Kernel dst) {
        Socket in = new Socket(dst);
        forward.receiver = in;
        start(dst::spawn, "mirror-write", writer, sys -> writeSide(sys, in), () -> backward.send(dst.now(),
                new Msg(Kind.EOF, null, 0, null)));
    }

    /** The records sent since the last call; call between quanta, when neither kernel runs. */
    public Carried drain() {
        return new Carried(backward.drain(), forward.drain());
    }

    /** Schedules SRC's records at their arrivals; call on SRC's thread before its next quantum. */
    public void deliverToSource(Carried c) {
        backward.receiver.deliver(c.toSource);
    }

    /** Schedules DST's records at their arrivals; call on DST's thread before its next quantum. */
    public void deliverToDestination(Carried c) {
        forward.receiver.deliver(c.toDestination);
    }

    /**
     * Asks the reader to send no more batches, as mirror-read's SIGINT handler does (cmd_mirror.c's
     * {@code interrupted}): the batch on its way is still applied, then the processes exit. Call when neither
     * kernel runs.
     */
    public void stop() {
        stopped = true;
    }

    /**
     * Breaks the link once {@code bytes} bytes have gone from SRC to DST, as a dropped connection does: the record
     * on the wire then arrives cut at that byte and both ends read EOF, so mirror-write refuses the cut stream (the
     * slave stays at its sync_end_tid) and a new session resumes from there. Call before the session starts.
     */
    public void breakAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a link breaks after 0 or more bytes, not " + bytes);
        }
        breakAt = bytes;
    }

    /** Whether the link broke ({@link #breakAfter}). */
    public boolean broken() {
        return broken;
    }

    /** Whether every process of the session has exited. */
    public boolean finished() {
        return reader.done && writer.done && watcher.done;
    }

    /** The first failure of the reader or the writer, or null. */
    public RuntimeException failure() {
        return reader.failure != null ? reader.failure : writer.failure;
    }

    private static void start(Spawner spawner, String name, Side side, Consumer<Syscalls> body, Runnable close) {
        spawner.spawn(name, sys -> {
            try {
                body.accept(sys);
            } catch (RuntimeException e) {
                side.failure = e;
            } finally {
                // the end of a process closes its end of the connection: the other side reads EOF
                close.run();
                side.done = true;
            }
        });
    }

    /** hammer_cmd_mirror_read with a two-way pipe: PFSD out, the slave's sync_end_tid in, then batches. */
    private void readSide(Syscalls sys, Socket in) {
        long start = sys.now();
        Map<String, String> pfs = Pfs.status(sys, srcPath, what);
        forward.send(sys.now(), new Msg(Kind.PFSD, pfs.get("shared_uuid"), 0, null));
        Msg answer = in.receive();
        if (answer == null) {
            return;
        }
        long since = batch(sys, answer.tid(), in);
        while (stream && since >= 0) {
            long t1 = sys.now();
            if (!waitForFlush(sys, since, start)) {
                return;
            }
            // cmd_mirror.c, hammer_cmd_mirror_read: a flush sooner than DelayOpt after the last batch waits the rest
            long rest = delay - (sys.now() - t1);
            if (rest > 0) {
                if (sys.now() + rest - start >= duration) {
                    return;
                }
                sys.nanosleep(rest);
            }
            if (stopped) {
                return;
            }
            since = batch(sys, since, in);
        }
    }

    /**
     * cmd_mirror.c's HAMMERIOC_WAI_PSEUDOFS between batches: sleeps until the master's flush passes {@code tid};
     * false once the stream was stopped or its time is up.
     */
    private boolean waitForFlush(Syscalls sys, long tid, long start) {
        while (!stopped) {
            long left = duration - (sys.now() - start);
            if (left <= 0) {
                return false;
            }
            long now = Mirror.waitPast(sys, srcPath, tid, Math.min(left, STOP_CHECK_NANOS), what);
            if (Long.compareUnsigned(now, tid) > 0) {
                return true;
            }
        }
        return false;
    }

    /** One batch: the changes after {@code since} out, the writer's UPDATE in; returns its TID, or -1 on EOF. */
    private long batch(Syscalls sys, long since, Socket in) {
        Map<String, String> r = Mirror.read(sys, srcPath, Mirror.hex(since), what);
        forward.send(sys.now(), new Msg(Kind.STREAM, null, 0, Base64.getDecoder().decode(r.get("stream"))));
        reader.line("read PFS #" + r.get("pfs_id") + ": " + Mirror.summary(r));
        batches++;
        Msg ack = in.receive();
        return ack == null ? -1 : Mirror.tid(r.get("tid_end"));
    }

    /** mirror-lag: notes each master flush as it commits (HAMMERIOC_WAI_PSEUDOFS wakes it) while the reader runs. */
    private void watchSide(Syscalls sys) {
        long last = Mirror.tid(Pfs.status(sys, srcPath, what).get("sync_end_tid"));
        while (!reader.done) {
            long tid = Mirror.waitPast(sys, srcPath, last, STOP_CHECK_NANOS, what);
            if (Long.compareUnsigned(tid, last) > 0 && !reader.done) {
                flushes.add(new long[] {tid, sys.now()});
                last = tid;
            }
        }
    }

    /**
     * hammer_cmd_mirror_write with a two-way pipe: PFSD in (making the slave with the master's shared UUID if DST
     * does not exist), sync_end_tid out, then each batch applied and answered with the advanced sync_end_tid.
     */
    private void writeSide(Syscalls sys, Socket in) {
        Msg pfsd = in.receive();
        if (pfsd == null) {
            return;
        }
        if (!sys.fstatat(Fcntl.AT_FDCWD, Pfs.bytes(dstPath), Fcntl.AT_SYMLINK_NOFOLLOW).ok()) {
            writer.out.append(Pfs.make(sys, dstPath, true, pfsd.uuid(), what)).append('\n');
        }
        Pfs d = Pfs.get(sys, dstPath, what);
        sys.close(d.fd());
        if (!d.fields().get("mode").equals("slave")) {
            throw new IllegalArgumentException(what + ": PFS #" + d.id() + " at " + dstPath + " is a master; the "
                    + "target of a mirror must be a slave (hammer:pfs-slave, or hammer:pfs-downgrade)");
        }
        Map<String, String> before = d.fields();
        backward.send(sys.now(), new Msg(Kind.UPDATE, null, Mirror.tid(before.get("sync_end_tid")), null));
        for (Msg m = in.receive(); m != null; m = in.receive()) {
            Map<String, String> w = Mirror.write(sys, dstPath, m.stream(), what);
            totals[0] += Long.parseLong(w.get("created"));
            totals[1] += Long.parseLong(w.get("delete_tids_set"));
            totals[2] += Long.parseLong(w.get("gaps_deleted"));
            long tid = Mirror.tid(w.get("sync_end_tid"));
            syncs.add(new long[] {sys.now(), tid});
            for (; lagListener != null && nextFlush < flushes.size()
                    && Long.compareUnsigned(flushes.get(nextFlush)[0], tid) <= 0; nextFlush++) {
                lagListener.accept(sys.now() - flushes.get(nextFlush)[1]);
            }
            ended = sys.now();
            backward.send(sys.now(), new Msg(Kind.UPDATE, null, tid, null));
            writer.line(Mirror.written(before, w));
            before = Map.of("sync_end_tid", w.get("sync_end_tid"));
        }
    }

    /**
     * What the session did: the reader's and writer's first and last lines, the batches, records and link use.
     * Call once {@link #finished}.
     */
    public String report() {
        return reader.report() + writer.report() + batches + (batches == 1 ? " batch" : " batches") + " in "
                + VirtualDuration.format(Math.max(0, ended - started)) + " of virtual time: " + totals[0]
                + " records created, " + totals[1] + " deletions, " + totals[2] + " gone from the master deleted;"
                + " link: " + forward.records + " records (" + forward.bytes + " bytes) out, " + backward.records
                + " (" + backward.bytes + " bytes) back";
    }

    /**
     * The replication lags, in virtual ns and sorted, of the master flushes seen: to the slave's sync_end_tid
     * reaching the flush, or for a flush it has not reached, its age at {@code now} (a lower bound). Call when
     * neither kernel runs.
     */
    public long[] lags(long now) {
        List<Long> out = new ArrayList<>();
        int j = 0;
        for (long[] f : seen(now)) {
            while (j < syncs.size() && Long.compareUnsigned(syncs.get(j)[1], f[0]) < 0) {
                j++;
            }
            out.add((j < syncs.size() ? syncs.get(j)[0] : now) - f[1]);
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Master flushes seen so far. */
    public int flushesSeen() {
        return flushes.size();
    }

    /** The flushes seen by {@code now}. */
    private List<long[]> seen(long now) {
        int n = 0;
        while (n < flushes.size() && flushes.get(n)[1] <= now) {
            n++;
        }
        return flushes.subList(0, n);
    }

    /** The virtual time the stream ended: when its reader exited, or {@code now} if it has not. */
    public long end(long now) {
        return readerExited >= 0 ? readerExited : now;
    }

    /**
     * The ages at {@code now} of the master flushes seen that the slave has not reached: lower bounds of their lags,
     * for a measurement that ends while the slave is behind. One engine only ({@link #shareEngine}).
     */
    public long[] unreplicatedAges(long now) {
        return flushes.subList(nextFlush, flushes.size()).stream().mapToLong(f -> now - f[1]).toArray();
    }

    /**
     * {@code replication lag over N flushes: mean, p50, p99, max} of the whole session ended at {@code now}, with what
     * it measures and how many flushes the slave had not reached.
     */
    public String lagLine(long now) {
        long[] lags = lags(now);
        String how = " (virtual time from each master flush, seen as it commits, to the slave's sync_end_tid reaching"
                + " its TID; a batch at most every " + VirtualDuration.format(delay) + ")";
        if (lags.length == 0) {
            return "replication lag: no master flush during the stream" + how;
        }
        long sum = 0;
        for (long l : lags) {
            sum += l;
        }
        long reached = seen(now).stream().filter(f -> !syncs.isEmpty()
                && Long.compareUnsigned(syncs.get(syncs.size() - 1)[1], f[0]) >= 0).count();
        String missed = reached < lags.length ? "; " + (lags.length - reached) + " of them not replicated when "
                + "the stream ended, counted with their age then" : "";
        return String.format(Locale.ROOT, "replication lag over %d flushes: mean %s, p50 %s, p99 %s, max %s%s%s",
                lags.length, VirtualDuration.format(sum / lags.length), VirtualDuration.format(percentile(lags, 50)),
                VirtualDuration.format(percentile(lags, 99)), VirtualDuration.format(lags[lags.length - 1]), how,
                missed);
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
