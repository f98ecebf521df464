package org.odonata.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Fcntl;
import org.odonata.command.Args;
import org.odonata.command.hammer.Mirror;
import org.odonata.command.hammer.MirrorLink;
import org.odonata.command.hammer.Pfs;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code hammer:mirror-read}, {@code mirror-write}, {@code mirror-copy}, {@code mirror-stream}: DragonFly's {@code hammer mirror-*}
 * (sbin/hammer/cmd_mirror.c) on the booted kernel's namespace, each a process issuing HAMMERIOC_MIRROR_READ and
 * HAMMERIOC_MIRROR_WRITE through {@code ioctl(2)}. The stream (fs-hammer/MIRROR-FORMAT.md) goes to and comes from a
 * host file. PFSs are named as {@code hammer:pfs-status} names them: their {@code @@-1:%05d} softlink, or any path
 * inside them.
 */
@Component(immediate = true)
public final class HammerMirrorCommands {

    /** {@code KERNEL:/PATH}: a DST on another booted kernel (a softlink such as {@code @@-1:00001} is local). */
    private static final Pattern REMOTE = Pattern.compile("([A-Za-z0-9_.-]+):(/.*)");

    /** A stream file is read whole into memory on its way in. */
    private static final long STREAM_LIMIT = 1L << 30;

    @Reference
    private Kernels kernels;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext ctx) {
        register(ctx, "mirror-read", this::mirrorRead);
        register(ctx, "mirror-write", this::mirrorWrite);
        register(ctx, "mirror-copy", this::mirrorCopy);
        register(ctx, "mirror-stream", this::mirrorStream);
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private void register(BundleContext ctx, String name, Function<List<String>, String> body) {
        registrations.add(HammerPfsCommands.function(ctx, name, body));
    }

    /** hammer_cmd_mirror_read: the PFS's changes after {@code --since} (default: all of it) to a host file. */
    private String mirrorRead(List<String> args) {
        String usage = "usage: hammer:mirror-read PATH [--since TID] --out FILE";
        List<String> rest = new ArrayList<>(args);
        String since = option(rest, "--since", usage);
        String out = option(rest, "--out", usage);
        if (out == null || rest.size() != 1 || rest.get(0).startsWith("-")) {
            throw new IllegalArgumentException(usage + (args.isEmpty() ? "" : " (got: " + String.join(" ", args) + ")"));
        }
        String path = rest.get(0);
        String what = "hammer:mirror-read " + path;
        Path file = Path.of(out).toAbsolutePath();
        return ShellProcess.run(kernels.current(), "mirror-read", sys -> {
            Map<String, String> r = Mirror.read(sys, path, since, what);
            write(file, Base64.getDecoder().decode(r.get("stream")), what);
            return "PFS #" + r.get("pfs_id") + ": " + Mirror.summary(r) + ", " + r.get("bytes") + " bytes written to "
                    + file;
        });
    }

    /** hammer_cmd_mirror_write: a stream from a host file into a slave PFS with the same shared UUID. */
    private String mirrorWrite(List<String> args) {
        String usage = "usage: hammer:mirror-write PATH --in FILE";
        List<String> rest = new ArrayList<>(args);
        String in = option(rest, "--in", usage);
        if (in == null || rest.size() != 1 || rest.get(0).startsWith("-")) {
            throw new IllegalArgumentException(usage + (args.isEmpty() ? "" : " (got: " + String.join(" ", args) + ")"));
        }
        String path = rest.get(0);
        String what = "hammer:mirror-write " + path;
        Path file = Path.of(in).toAbsolutePath();
        byte[] stream = readFile(file, what);
        return ShellProcess.run(kernels.current(), "mirror-write", sys -> {
            Map<String, String> r = Mirror.write(sys, path, stream, what + " --in " + file);
            return Mirror.written(Map.of("sync_end_tid", r.get("old_sync_end_tid")), r);
        });
    }

    /**
     * hammer_cmd_mirror_copy: reads SRC since DST's sync_end_tid and writes it to DST; a DST that does not exist is
     * made a slave with SRC's shared UUID first, as {@code hammer -y mirror-copy} does. {@code KERNEL:DST} names a
     * PFS on another booted kernel, reached over a simulated link ({@link LinkedMirror}), as DragonFly's
     * {@code host:dst} is reached over ssh.
     */
    private String mirrorCopy(List<String> args) {
        String usage = "usage: hammer:mirror-copy SRC [KERNEL:]DST [--link BANDWIDTH[,LATENCY]]";
        List<String> rest = new ArrayList<>(args);
        String linkText = option(rest, "--link", usage);
        if (rest.size() != 2 || rest.get(0).startsWith("-") || rest.get(1).startsWith("-")) {
            throw new IllegalArgumentException(usage + (args.isEmpty() ? "" : " (got: " + String.join(" ", args) + ")"));
        }
        String src = rest.get(0);
        String dst = rest.get(1);
        String what = "hammer:mirror-copy " + src + " " + dst;
        LinkedMirror linked = linked(src, dst, linkText, what);
        if (linked != null) {
            return linked.copy();
        }
        return ShellProcess.run(kernels.current(), "mirror-copy", sys -> copy(sys, src, dst, what, new long[3]));
    }

    /**
     * The mirror of SRC on the current kernel to {@code KERNEL:PATH} over a link, or null for a DST on the current
     * kernel (which takes no {@code --link}).
     */
    private LinkedMirror linked(String src, String dst, String linkText, String what) {
        Matcher m = REMOTE.matcher(dst);
        if (!m.matches()) {
            if (linkText != null) {
                throw new IllegalArgumentException(what + ": --link needs a DST on another kernel, KERNEL:PATH "
                        + "(kern:machines lists the kernels)");
            }
            return null;
        }
        MirrorLink link = MirrorLink.parse(linkText == null ? MirrorLink.DEFAULT : linkText);
        return new LinkedMirror(kernels.current(), src, kernels.named(m.group(1)), m.group(2), link, what);
    }

    /**
     * hammer_cmd_mirror_stream: a mirror-copy, then another each time the master's next flush commits
     * (HAMMERIOC_WAI_PSEUDOFS), at most one every {@code --delay} ({@code hammer -d}, default 5s as DragonFly's), for
     * {@code --for} (default 10s) of virtual time; each round resumes from DST's sync_end_tid, as does a stream
     * started again after a break. To {@code KERNEL:DST} the stream crosses a simulated link and each master flush's
     * replication lag is measured. Simplification: it stops after {@code --for} so the shell gets its prompt back.
     */
    private String mirrorStream(List<String> args) {
        String usage = "usage: hammer:mirror-stream SRC [KERNEL:]DST [--delay DURATION] [--for DURATION]"
                + " [--link BANDWIDTH[,LATENCY]]";
        List<String> rest = new ArrayList<>(args);
        if (rest.contains("--interval")) {
            throw new IllegalArgumentException("hammer:mirror-stream: --interval is gone: the stream no longer polls"
                    + " the master but waits for its next flush (HAMMERIOC_WAI_PSEUDOFS); --delay DURATION (hammer -d,"
                    + " default 5s) sets the least time between two batches; " + usage);
        }
        String delayText = option(rest, "--delay", usage);
        String forText = option(rest, "--for", usage);
        String linkText = option(rest, "--link", usage);
        if (rest.size() != 2 || rest.get(0).startsWith("-") || rest.get(1).startsWith("-")) {
            throw new IllegalArgumentException(usage + (args.isEmpty() ? "" : " (got: " + String.join(" ", args) + ")"));
        }
        long limit = ShellProcess.LIMIT_NANOS / 2;
        long delay = Args.duration("--delay", delayText == null ? "5s" : delayText, 0, limit);
        long duration = Args.duration("--for", forText == null ? "10s" : forText, 1, limit);
        String src = rest.get(0);
        String dst = rest.get(1);
        String what = "hammer:mirror-stream " + src + " " + dst;
        LinkedMirror linked = linked(src, dst, linkText, what);
        if (linked != null) {
            return linked.stream(delay, duration);
        }
        return ShellProcess.run(kernels.current(), "mirror-stream", sys -> {
            long start = sys.now();
            long[] totals = new long[3];
            String first = null;
            String last = null;
            int rounds = 0;
            for (;;) {
                last = copy(sys, src, dst, what, totals);
                first = first == null ? last : first;
                rounds++;
                if (!nextFlush(sys, src, dst, what, start, delay, duration)) {
                    break;
                }
            }
            return first + (rounds == 1 ? "" : "\n...\n" + last) + "\n" + rounds + (rounds == 1 ? " round" : " rounds") + " in "
                    + VirtualDuration.format(sys.now() - start) + " of virtual time: " + totals[0]
                    + " records created, " + totals[1] + " deletions, " + totals[2] + " gone from the master deleted";
        });
    }

    /**
     * cmd_mirror.c between two batches: sleeps in HAMMERIOC_WAI_PSEUDOFS until SRC's next flush passes DST's
     * sync_end_tid, then, if that was sooner than {@code delay}, for the rest; false if {@code duration} since
     * {@code start} ends first.
     */
    private static boolean nextFlush(Syscalls sys, String src, String dst, String what, long start, long delay,
            long duration) {
        long t1 = sys.now();
        long synced = Mirror.tid(Pfs.status(sys, dst, what).get("sync_end_tid"));
        long left = duration - (t1 - start);
        if (left <= 0 || Long.compareUnsigned(Mirror.waitPast(sys, src, synced, left, what), synced) <= 0) {
            return false;
        }
        long rest = delay - (sys.now() - t1);
        if (rest > 0) {
            if (sys.now() + rest - start >= duration) {
                return false;
            }
            sys.nanosleep(rest);
        }
        return true;
    }

    /**
     * One mirror-copy: makes DST a slave of SRC's shared UUID if it does not exist, reads SRC since DST's
     * sync_end_tid and writes it; adds created, deletions and gap deletions to {@code totals}. Returns the report.
     */
    private static String copy(Syscalls sys, String src, String dst, String what, long[] totals) {
        StringBuilder out = new StringBuilder();
        if (!sys.fstatat(Fcntl.AT_FDCWD, Pfs.bytes(dst), Fcntl.AT_SYMLINK_NOFOLLOW).ok()) {
            String shared = Pfs.status(sys, src, what).get("shared_uuid");
            out.append(Pfs.make(sys, dst, true, shared, what)).append('\n');
        }
        Map<String, String> d = Pfs.status(sys, dst, what);
        Map<String, String> r = Mirror.read(sys, src, d.get("sync_end_tid"), what);
        out.append("read PFS #").append(r.get("pfs_id")).append(": ").append(Mirror.summary(r)).append('\n');
        Map<String, String> w = Mirror.write(sys, dst, Base64.getDecoder().decode(r.get("stream")), what);
        totals[0] += Long.parseLong(w.get("created"));
        totals[1] += Long.parseLong(w.get("delete_tids_set"));
        totals[2] += Long.parseLong(w.get("gaps_deleted"));
        return out.append(Mirror.written(d, w)).toString();
    }

    /** Removes {@code name VALUE} from {@code args} and returns VALUE, or null if absent. */
    private static String option(List<String> args, String name, String usage) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value; " + usage);
        }
        String v = args.remove(i + 1);
        args.remove(i);
        return v;
    }

    private static byte[] readFile(Path file, String what) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(what + ": --in " + file + ": " + (Files.exists(file)
                        ? "not a regular file" : "no such file"));
            }
            if (Files.size(file) > STREAM_LIMIT) {
                throw new IllegalArgumentException(what + ": --in " + file + ": larger than 1 GB, the most a stream"
                        + " file may hold here");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, byte[] stream, String what) {
        try {
            Files.write(file, stream);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
