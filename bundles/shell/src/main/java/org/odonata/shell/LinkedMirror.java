package org.odonata.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Fcntl;
import org.odonata.command.Args;

/**
 * {@code hammer mirror-copy|mirror-stream SRC host:DST} (sbin/hammer/cmd_mirror.c, where ssh carries the stream) with
 * DST on another booted kernel: a mirror-read process on SRC's kernel and a mirror-write process on DST's kernel joined
 * by a simulated link, in the protocol of DragonFly's two-way pipe ({@code hammer -2}): the reader sends its PFS's
 * configuration (a PFSD record), the writer makes the slave if it does not exist ({@code hammer -y}) and answers with
 * its {@code sync_end_tid}, the reader streams the changes after it, and the writer answers each batch, once it is
 * durable and {@code sync_end_tid} advanced, with an UPDATE record.
 *
 * <p>Co-simulation: the two kernels keep their own engines and host threads and advance in lockstep quanta of virtual
 * time driven from the command's thread, both kernels of a quantum at once. A quantum is at most the link's latency,
 * so a message sent during one quantum arrives after its end and is delivered to the receiver at its exact arrival
 * time (an engine event that starts a {@code netisr} kernel thread, which queues it and wakes the process sleeping on
 * the socket). Links with a latency below {@value #MIN_QUANTUM_NANOS} ns deliver at the next quantum boundary at the
 * earliest. Simplification: the wire carries the records' bytes only (no TCP/IP or ssh framing), one message at a
 * time in sending order.
 */
final class LinkedMirror {

    /** The shortest lockstep quantum: a link with less latency rounds arrivals up to a quantum boundary. */
    static final long MIN_QUANTUM_NANOS = 10_000L;
    /** The longest: a quantum is two host thread hand-offs, so an idle link need not be polled finer. */
    static final long MAX_QUANTUM_NANOS = 1_000_000L;
    /** A PFSD record: the record header and {@code struct hammer_pseudofs_data}. */
    static final int PFSD_BYTES = 16 + 208;
    /** An UPDATE record: the record header and a TID. */
    static final int UPDATE_BYTES = 16 + 8;
    static final String DEFAULT_LINK = "1Gbit/s,100us";

    /** A simulated network path: bandwidth and one-way latency. */
    record Link(long bitsPerSecond, long latencyNanos) {

        /** {@code BANDWIDTH[,LATENCY]}, as {@code --link} takes it; the latency defaults to 100us. */
        static Link parse(String text) {
            String[] parts = text.split(",", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("--link: expected BANDWIDTH[,LATENCY] such as 1Gbit/s,100us, got '"
                        + text + "'");
            }
            long bps = Args.bitsPerSecond("--link bandwidth", parts[0]);
            long latency = parts.length == 2 ? Args.duration("--link latency", parts[1], 0, Args.MAX_VIRTUAL_NANOS)
                    : 100_000L;
            return new Link(bps, latency);
        }

        long quantum() {
            return Math.min(MAX_QUANTUM_NANOS, Math.max(MIN_QUANTUM_NANOS, latencyNanos));
        }

        /** Time {@code bytes} occupy the wire, rounded up to a whole nanosecond. */
        long serialisationNanos(long bytes) {
            return Math.ceilDiv(bytes * 8 * 1_000_000_000L, bitsPerSecond);
        }

        @Override
        public String toString() {
            return rate(bitsPerSecond) + ", " + VirtualDuration.format(latencyNanos) + " latency";
        }

        private static String rate(long bps) {
            return bps % 1_000_000_000L == 0 ? bps / 1_000_000_000L + " Gbit/s"
                    : bps % 1_000_000L == 0 ? bps / 1_000_000L + " Mbit/s"
                    : bps % 1_000L == 0 ? bps / 1_000L + " kbit/s" : bps + " bit/s";
        }
    }

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

    /** One direction of the link: FIFO serialisation, then the latency. Used by the sender's thread and the driver. */
    private static final class Wire {
        final Link link;
        final List<Arrival> inFlight = new ArrayList<>();
        long busyUntil;
        long messages;
        long bytes;

        Wire(Link link) {
            this.link = link;
        }

        void send(long now, Msg m) {
            long start = Math.max(now, busyUntil);
            busyUntil = start + link.serialisationNanos(m.wireBytes());
            inFlight.add(new Arrival(busyUntil + link.latencyNanos(), m));
            if (m.kind() != Kind.EOF) {
                messages++;
                bytes += m.wireBytes();
            }
        }

        List<Arrival> drain() {
            List<Arrival> out = List.copyOf(inFlight);
            inFlight.clear();
            return out;
        }
    }

    /** The receiving end of a connection on one kernel: a process sleeps on it until a record is queued. */
    private static final class Socket {
        final Kernel kernel;
        final ArrayDeque<Msg> queue = new ArrayDeque<>();
        final long ident;
        boolean closed;

        Socket(Kernel kernel) {
            this.kernel = kernel;
            this.ident = kernel.kthreads().newIdent();
        }

        /** The next record, or null once the other end is gone; called by a process of {@link #kernel}. */
        Msg receive() {
            while (queue.isEmpty() && !closed) {
                kernel.kthreads().tsleep(ident, "sbwait", 0);
            }
            return queue.poll();
        }

        /** Schedules the records' arrivals on the kernel's engine; called on the kernel's thread between quanta. */
        void deliver(List<Arrival> arrivals) {
            for (Arrival a : arrivals) {
                long at = Math.max(a.time(), kernel.now());
                kernel.machine().engine().at(at, () -> kernel.kthreads().create("netisr", 0, () -> {
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

    /** What a side's process left behind: its report lines, its failure, whether it has exited. */
    private static final class Side {
        final StringBuilder out = new StringBuilder();
        RuntimeException failure;
        boolean done;
        boolean peerClosed;
    }

    private final BootedKernel src;
    private final BootedKernel dst;
    private final String srcPath;
    private final String dstPath;
    private final Link link;
    private final String what;
    private final Wire forward;
    private final Wire backward;
    /** Master flushes seen while streaming: TID and the virtual time mirror-stream saw it. */
    private final List<long[]> flushes = new ArrayList<>();
    /** The slave's sync_end_tid after each batch, with the virtual time it became durable. */
    private final List<long[]> syncs = new ArrayList<>();
    private final long[] totals = new long[3];
    private int rounds;
    private Side reader;
    private Side writer;
    private long end;

    LinkedMirror(BootedKernel src, String srcPath, BootedKernel dst, String dstPath, Link link, String what) {
        if (src == dst) {
            throw new IllegalArgumentException(what + ": " + dst.name() + " is the kernel SRC is on; name DST without "
                    + dst.name() + ": to mirror within one kernel");
        }
        for (BootedKernel k : List.of(src, dst)) {
            if (k.host() != null) {
                throw new IllegalArgumentException(what + ": " + k.name() + " is a vkernel guest, which runs on its "
                        + "host's clock; mirror over a link between kernels booted with kern:boot");
            }
            if (k.freeRunning()) {
                throw new IllegalArgumentException(what + ": " + k.name() + " is free-running (kern:go); kern:pause it"
                        + " first, so that the two kernels advance in lockstep");
            }
        }
        this.src = src;
        this.dst = dst;
        this.srcPath = srcPath;
        this.dstPath = dstPath;
        this.link = link;
        this.what = what;
        this.forward = new Wire(link);
        this.backward = new Wire(link);
    }

    /** mirror-copy: one batch, then both processes exit. */
    String copy() {
        long start = run(0, 0);
        return header() + "\n" + footer(start);
    }

    /** mirror-stream: a batch now, then one after each master flush seen every {@code interval} for {@code duration}. */
    String stream(long interval, long duration) {
        long start = run(interval, duration);
        return header() + "\n" + footer(start) + "\n" + lag(interval);
    }

    private String header() {
        return src.name() + ":" + srcPath + " -> " + dst.name() + ":" + dstPath + " over a link of " + link
                + " (lockstep quantum " + VirtualDuration.format(link.quantum()) + ")";
    }

    /** Runs both processes in lockstep until both exited; returns the virtual time they started. */
    private long run(long interval, long duration) {
        long t = Math.max(now(src), now(dst));
        for (BootedKernel k : List.of(src, dst)) {
            long behind = t - now(k);
            if (behind > 0) {
                k.call(() -> {
                    k.kernel().runFor(behind);
                    return null;
                });
            }
        }
        long start = t;
        Socket atSrc = src.call(() -> new Socket(src.kernel()));
        Socket atDst = dst.call(() -> new Socket(dst.kernel()));
        reader = new Side();
        writer = new Side();
        spawn(src, "mirror-read", reader, sys -> readSide(sys, atSrc, interval, duration));
        spawn(dst, "mirror-write", writer, sys -> writeSide(sys, atDst));
        long limit = duration + ShellProcess.LIMIT_NANOS;
        long q = link.quantum();
        boolean srcClosed = false;
        boolean dstClosed = false;
        while (!(reader.done && writer.done)) {
            // a process that has exited closes its end: the other sees EOF, as over ssh
            if (reader.done && !dstClosed) {
                forward.send(t, new Msg(Kind.EOF, null, 0, null));
                dstClosed = true;
            }
            if (writer.done && !srcClosed) {
                backward.send(t, new Msg(Kind.EOF, null, 0, null));
                srcClosed = true;
            }
            t += q;
            long until = t;
            List<Arrival> toSrc = backward.drain();
            List<Arrival> toDst = forward.drain();
            Future<Void> a = src.submit(() -> quantum(atSrc, toSrc, until));
            Future<Void> b = dst.submit(() -> quantum(atDst, toDst, until));
            src.join(a);
            dst.join(b);
            if (t - start > limit) {
                throw new IllegalArgumentException(what + " did not finish within " + VirtualDuration.format(limit)
                        + " of virtual time");
            }
        }
        end = t;
        if (reader.failure != null) {
            throw reader.failure;
        }
        if (writer.failure != null) {
            throw writer.failure;
        }
        return start;
    }

    private static Void quantum(Socket s, List<Arrival> arrivals, long until) {
        s.deliver(arrivals);
        s.kernel.runFor(until - s.kernel.now());
        return null;
    }

    private static long now(BootedKernel k) {
        return k.call(() -> k.kernel().now());
    }

    private static void spawn(BootedKernel k, String name, Side side, Consumer<Syscalls> body) {
        k.call(() -> k.kernel().spawn(name, sys -> {
            try {
                body.accept(sys);
            } catch (RuntimeException e) {
                side.failure = e;
            } finally {
                side.done = true;
            }
        }));
    }

    /**
     * hammer_cmd_mirror_read in two-way-pipe mode: PFSD out, the slave's sync_end_tid in, then the changes after it;
     * streaming, the master's sync_end_tid is looked at every {@code interval} (DragonFly sleeps in
     * HAMMERIOC_WAI_PSEUDOFS until the next flush) and each flush seen is read and sent.
     */
    private void readSide(Syscalls sys, Socket in, long interval, long duration) {
        long start = sys.now();
        HammerPfsCommands.Pfs p = HammerPfsCommands.getpfs(sys, srcPath, what);
        sys.close(p.fd());
        forward.send(sys.now(), new Msg(Kind.PFSD, p.fields().get("shared_uuid"), 0, null));
        Msg answer = in.receive();
        if (answer == null) {
            reader.peerClosed = true;
            return;
        }
        long since = answer.tid();
        String last = null;
        while (true) {
            Map<String, String> r = HammerMirrorCommands.read(sys, srcPath, HammerMirrorCommands.hex(since), what);
            long tidEnd = Long.parseUnsignedLong(r.get("tid_end").substring(2), 16);
            if (rounds > 0) {
                flushes.add(new long[] {tidEnd, sys.now()});
            }
            forward.send(sys.now(), new Msg(Kind.STREAM, null, tidEnd, Base64.getDecoder().decode(r.get("stream"))));
            last = "read PFS #" + r.get("pfs_id") + ": " + HammerMirrorCommands.summary(r);
            if (rounds++ == 0) {
                reader.out.append(last).append('\n');
            }
            since = tidEnd;
            if (interval == 0) {
                break;
            }
            // wait for the master's next flush, or the end
            long seen = since;
            while (seen == since && sys.now() - start + interval <= duration && !in.closed) {
                sys.nanosleep(interval);
                HammerPfsCommands.Pfs m = HammerPfsCommands.getpfs(sys, srcPath, what);
                sys.close(m.fd());
                seen = Long.parseUnsignedLong(m.fields().get("sync_end_tid").substring(2), 16);
            }
            if (seen == since) {
                break;
            }
        }
        if (rounds > 1) {
            reader.out.append("...\n").append(last).append('\n');
        }
    }

    /**
     * hammer_cmd_mirror_write in two-way-pipe mode: PFSD in (creating the slave with the master's shared UUID if DST
     * does not exist), sync_end_tid out, then each batch applied and answered once sync_end_tid advanced.
     */
    private void writeSide(Syscalls sys, Socket in) {
        Msg pfsd = in.receive();
        if (pfsd == null) {
            return;
        }
        if (!sys.fstatat(Fcntl.AT_FDCWD, HammerPfsCommands.bytes(dstPath), Fcntl.AT_SYMLINK_NOFOLLOW).ok()) {
            writer.out.append(HammerPfsCommands.makePfs(sys, dstPath, true, pfsd.uuid(), what)).append('\n');
        }
        HammerPfsCommands.Pfs d = HammerPfsCommands.getpfs(sys, dstPath, what);
        sys.close(d.fd());
        if (!d.fields().get("mode").equals("slave")) {
            throw new IllegalArgumentException(what + ": PFS #" + d.id() + " on " + dst.name() + " is a master; the "
                    + "target of a mirror must be a slave (hammer:pfs-slave, or hammer:pfs-downgrade)");
        }
        Map<String, String> before = d.fields();
        long syncEnd = Long.parseUnsignedLong(before.get("sync_end_tid").substring(2), 16);
        backward.send(sys.now(), new Msg(Kind.UPDATE, null, syncEnd, null));
        String first = null;
        String last = null;
        int batches = 0;
        for (Msg m = in.receive(); m != null; m = in.receive()) {
            Map<String, String> w = HammerMirrorCommands.write(sys, dstPath, m.stream(), what);
            totals[0] += Long.parseLong(w.get("created"));
            totals[1] += Long.parseLong(w.get("delete_tids_set"));
            totals[2] += Long.parseLong(w.get("gaps_deleted"));
            long now = Long.parseUnsignedLong(w.get("sync_end_tid").substring(2), 16);
            syncs.add(new long[] {sys.now(), now});
            backward.send(sys.now(), new Msg(Kind.UPDATE, null, now, null));
            last = HammerMirrorCommands.written(before, w);
            first = first == null ? last : first;
            before = Map.of("sync_end_tid", w.get("sync_end_tid"));
            batches++;
        }
        if (first != null) {
            writer.out.append(first).append('\n');
        }
        if (batches > 1) {
            writer.out.append("...\n").append(last).append('\n');
        }
    }

    private String footer(long start) {
        return reader.out.toString() + writer.out + rounds + (rounds == 1 ? " batch" : " batches") + " in "
                + VirtualDuration.format(end - start) + " of virtual time: " + totals[0] + " records created, "
                + totals[1] + " deletions, " + totals[2] + " gone from the master deleted; link: " + forward.messages
                + " records (" + forward.bytes + " bytes) to " + dst.name() + ", " + backward.messages + " ("
                + backward.bytes + " bytes) back";
    }

    /** Replication lag of each master flush seen: from when mirror-stream saw it to the slave's sync_end_tid reaching it. */
    private String lag(long interval) {
        long[] lags = lags();
        String how = " (virtual time from the master's flush, as mirror-stream saw it polling every "
                + VirtualDuration.format(interval) + ", to the slave's sync_end_tid reaching its TID)";
        if (lags.length == 0) {
            return "replication lag: no master flush during the stream" + how;
        }
        long sum = 0;
        for (long l : lags) {
            sum += l;
        }
        return String.format(Locale.ROOT, "replication lag over %d flushes: mean %s, p50 %s, p99 %s, max %s%s",
                lags.length, VirtualDuration.format(sum / lags.length), VirtualDuration.format(percentile(lags, 50)),
                VirtualDuration.format(percentile(lags, 99)), VirtualDuration.format(lags[lags.length - 1]), how);
    }

    /** Sorted lags, in ns, of the flushes the slave reached. */
    long[] lags() {
        List<Long> out = new ArrayList<>();
        int j = 0;
        for (long[] f : flushes) {
            while (j < syncs.size() && Long.compareUnsigned(syncs.get(j)[1], f[0]) < 0) {
                j++;
            }
            if (j < syncs.size()) {
                out.add(syncs.get(j)[0] - f[1]);
            }
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
