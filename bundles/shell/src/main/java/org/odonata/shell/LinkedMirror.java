package org.odonata.shell;

import java.util.List;
import java.util.concurrent.Future;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.command.CommandInterrupted;
import org.odonata.command.Interruptible;
import org.odonata.command.hammer.MirrorLink;
import org.odonata.command.hammer.MirrorSession;

/**
 * A {@link MirrorSession} between two kernels the shell booted, each on its own engine and host thread: the command's
 * thread advances both in lockstep quanta of virtual time, both kernels of a quantum at once, and between quanta
 * carries the records the link delivered. A quantum is at most the link's latency, so every record sent during one
 * arrives after its end and is delivered at its exact arrival time; below {@value #MIN_QUANTUM_NANOS} ns of latency
 * arrivals are rounded up to the next quantum boundary.
 */
final class LinkedMirror {

    /** The shortest lockstep quantum: a link with less latency rounds arrivals up to a quantum boundary. */
    static final long MIN_QUANTUM_NANOS = 10_000L;
    /** The longest: an idle link need not be looked at more finely than this. */
    static final long MAX_QUANTUM_NANOS = 1_000_000L;

    private final BootedKernel src;
    private final BootedKernel dst;
    private final String srcPath;
    private final String dstPath;
    private final MirrorLink link;
    private final String what;
    /** The virtual time both kernels reached when the session's processes had exited. */
    private long end;

    LinkedMirror(BootedKernel src, String srcPath, BootedKernel dst, String dstPath, MirrorLink link, String what) {
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
    }

    /** The lockstep quantum for a link: its latency, within [MIN, MAX]. */
    static long quantum(MirrorLink link) {
        return Math.min(MAX_QUANTUM_NANOS, Math.max(MIN_QUANTUM_NANOS, link.latencyNanos()));
    }

    /** mirror-copy: one batch. */
    String copy() {
        return header() + "\n" + run(MirrorSession.copy(link, srcPath, dstPath, what), 0).report();
    }

    /**
     * mirror-stream: a batch now and one after each master flush, at most one every {@code delay}, for
     * {@code duration}.
     */
    String stream(long delay, long duration) {
        MirrorSession s = run(MirrorSession.stream(link, srcPath, dstPath, what, delay, duration), duration);
        return header() + "\n" + s.report() + "\n" + s.lagLine(s.end(end));
    }

    private String header() {
        return src.name() + ":" + srcPath + " -> " + dst.name() + ":" + dstPath + " over a link of " + link
                + " (lockstep quantum " + VirtualDuration.format(quantum(link)) + ")";
    }

    /** Brings the kernels to one virtual time, runs the session in lockstep until its processes exited. */
    private MirrorSession run(MirrorSession s, long duration) {
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
        src.call(() -> {
            s.startSource(src.kernel());
            return null;
        });
        dst.call(() -> {
            s.startDestination(dst.kernel());
            return null;
        });
        long limit = duration + ShellProcess.LIMIT_NANOS;
        long q = quantum(link);
        long interrupted = -1;
        try (Interruptible scope = Interruptible.enter()) {
            while (!s.finished()) {
                if (interrupted < 0 && Interruptible.stopping()) {
                    // Ctrl-C: no more batches; the one on its way is applied, so the slave stays whole
                    interrupted = t;
                    s.stop();
                }
                t += q;
                long until = t;
                MirrorSession.Carried c = s.drain();
                Future<Void> a = src.submit(() -> {
                    s.deliverToSource(c);
                    src.kernel().runFor(until - src.kernel().now());
                    return null;
                });
                Future<Void> b = dst.submit(() -> {
                    s.deliverToDestination(c);
                    dst.kernel().runFor(until - dst.kernel().now());
                    return null;
                });
                src.join(a);
                dst.join(b);
                if (t - start > limit) {
                    throw new IllegalArgumentException(what + " did not finish within " + VirtualDuration.format(limit)
                            + " of virtual time");
                }
            }
        }
        if (s.failure() != null) {
            throw s.failure();
        }
        end = t;
        if (interrupted >= 0) {
            throw new CommandInterrupted(header() + "\n" + s.report() + "\n" + what + " interrupted at t="
                    + VirtualDuration.format(interrupted) + "; the batch on its way was applied, and " + src.name()
                    + " and " + dst.name() + " are paused at t=" + VirtualDuration.format(t));
        }
        return s;
    }

    private static long now(BootedKernel k) {
        return k.call(() -> k.kernel().now());
    }
}
