package org.odonata.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.felix.service.command.CommandSession;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.SysResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code hammer:mirror-read}, {@code mirror-write}, {@code mirror-copy}: DragonFly's {@code hammer mirror-*}
 * (sbin/hammer/cmd_mirror.c) on the booted kernel's namespace, each a process issuing HAMMERIOC_MIRROR_READ and
 * HAMMERIOC_MIRROR_WRITE through {@code ioctl(2)}. The stream (fs-hammer/MIRROR-FORMAT.md) goes to and comes from a
 * host file. PFSs are named as {@code hammer:pfs-status} names them: their {@code @@-1:%05d} softlink, or any path
 * inside them.
 */
@Component(immediate = true)
public final class HammerMirrorCommands {

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
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private void register(BundleContext ctx, String name, Function<List<String>, String> body) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", "hammer");
        props.put("osgi.command.function", name);
        org.apache.felix.service.command.Function fn = (CommandSession session, List<Object> arguments) -> {
            List<String> args = new ArrayList<>();
            for (Object a : arguments) {
                args.add(String.valueOf(a));
            }
            return body.apply(args);
        };
        registrations.add(ctx.registerService(org.apache.felix.service.command.Function.class, fn, props));
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
            Map<String, String> r = read(sys, path, since, what);
            write(file, Base64.getDecoder().decode(r.get("stream")), what);
            return "PFS #" + r.get("pfs_id") + ": " + summary(r) + ", " + r.get("bytes") + " bytes written to " + file;
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
        return ShellProcess.run(kernels.current(), "mirror-write", sys -> write(sys, path, stream, what + " --in "
                + file));
    }

    /**
     * hammer_cmd_mirror_copy: reads SRC since DST's sync_end_tid and writes it to DST; a DST that does not exist is
     * made a slave with SRC's shared UUID first, as {@code hammer -y mirror-copy} does.
     */
    private String mirrorCopy(List<String> args) {
        if (args.size() != 2 || args.get(0).startsWith("-") || args.get(1).startsWith("-")) {
            throw new IllegalArgumentException("usage: hammer:mirror-copy SRC DST" + (args.isEmpty() ? ""
                    : " (got: " + String.join(" ", args) + ")"));
        }
        String src = args.get(0);
        String dst = args.get(1);
        String what = "hammer:mirror-copy " + src + " " + dst;
        return ShellProcess.run(kernels.current(), "mirror-copy", sys -> {
            StringBuilder out = new StringBuilder();
            if (!sys.fstatat(Fcntl.AT_FDCWD, HammerPfsCommands.bytes(dst), Fcntl.AT_SYMLINK_NOFOLLOW).ok()) {
                HammerPfsCommands.Pfs s = HammerPfsCommands.getpfs(sys, src, what);
                sys.close(s.fd());
                out.append(HammerPfsCommands.makePfs(sys, dst, true, s.fields().get("shared_uuid"), what)).append('\n');
            }
            HammerPfsCommands.Pfs d = HammerPfsCommands.getpfs(sys, dst, what);
            sys.close(d.fd());
            Map<String, String> r = read(sys, src, d.fields().get("sync_end_tid"), what);
            out.append("read PFS #").append(r.get("pfs_id")).append(": ").append(summary(r)).append('\n');
            out.append(write(sys, dst, Base64.getDecoder().decode(r.get("stream")), what));
            return out.toString();
        });
    }

    private static Map<String, String> read(Syscalls sys, String path, String since, String what) {
        HammerPfsCommands.Pfs p = HammerPfsCommands.getpfs(sys, path, what);
        try {
            if (p.id() == 0) {
                throw new IllegalArgumentException(what + ": PFS #0 cannot be mirrored in this model (its obj_ids are"
                        + " full TIDs); mirror a PFS made with hammer:pfs-master");
            }
            Map<String, String> req = new LinkedHashMap<>();
            req.put("pfs_id", Integer.toString(p.id()));
            if (since != null) {
                req.put("since", since);
            }
            return request(sys, p.fd(), what, "HAMMERIOC_MIRROR_READ", req);
        } finally {
            sys.close(p.fd());
        }
    }

    private static String write(Syscalls sys, String path, byte[] stream, String what) {
        HammerPfsCommands.Pfs p = HammerPfsCommands.getpfs(sys, path, what);
        try {
            if (!p.fields().get("mode").equals("slave")) {
                throw new IllegalArgumentException(what + ": PFS #" + p.id() + " is a master; the target of a mirror"
                        + " must be a slave (hammer:pfs-slave, or hammer:pfs-downgrade)");
            }
            Map<String, String> req = new LinkedHashMap<>();
            req.put("pfs_id", Integer.toString(p.id()));
            req.put("stream", Base64.getEncoder().encodeToString(stream));
            Map<String, String> r = request(sys, p.fd(), what, "HAMMERIOC_MIRROR_WRITE", req);
            if (r.containsKey("error")) {
                throw new IllegalArgumentException(what + ": " + r.get("error") + "; PFS #" + p.id()
                        + " is unchanged (sync_end_tid " + r.get("sync_end_tid") + ")");
            }
            return "wrote PFS #" + p.id() + ": " + r.get("created") + " records created, " + r.get("delete_tids_set")
                    + " deletions, " + r.get("gaps_deleted") + " gone from the master deleted; sync_end_tid "
                    + p.fields().get("sync_end_tid") + " -> " + r.get("sync_end_tid");
        } finally {
            sys.close(p.fd());
        }
    }

    private static Map<String, String> request(Syscalls sys, int fd, String what, String request,
            Map<String, String> args) {
        SysResult<Map<String, String>> r = sys.ioctl(fd, request, args);
        if (r.ok()) {
            return r.value();
        }
        throw new IllegalArgumentException(what + ": " + switch (r.errno()) {
            case ENOTTY -> "not on a HAMMER filesystem (ENOTTY)";
            case EINVAL -> "refused (EINVAL): --since must be a TID (0x<hex>) no later than the PFS's sync_end_tid";
            default -> r.errno().toString();
        });
    }

    private static String summary(Map<String, String> r) {
        return "changes " + r.get("tid_beg") + ".." + r.get("tid_end") + ": " + r.get("recs") + " REC, "
                + r.get("passes") + " PASS, " + r.get("skips") + " SKIP (" + r.get("nodes") + " B-tree nodes read)";
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
