package org.odonata.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandSession;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code hammer:pfs-master}, {@code pfs-slave}, {@code pfs-status}, {@code pfs-upgrade}, {@code pfs-downgrade},
 * {@code pfs-destroy}: DragonFly's {@code hammer pfs-*} (sbin/hammer/cmd_pseudofs.c) on the booted kernel's
 * namespace. Each runs as a process issuing HAMMER's PFS ioctls through {@code ioctl(2)} on an open directory, and
 * makes or removes the {@code @@PFS%05d} softlink HAMMER shows as {@code @@-1:%05d} (a master) or
 * {@code @@0x<sync_end_tid>:%05d} (a slave). Gogo names a method after its command and Java names cannot hold
 * {@code -}, so each command is a Gogo {@code Function} service of its own. Unlike {@code hammer pfs-destroy}, the
 * destroy does not ask for confirmation (the shell runs scripts).
 */
@Component(immediate = true)
public final class HammerPfsCommands {

    private static final Pattern PFS_LINK = Pattern.compile("@@(?:PFS|-1:|0x[0-9a-fA-F]{16}:)([0-9]{5})");
    private static final String USAGE = "usage: hammer:%s PATH%s";

    @Reference
    private Kernels kernels;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext ctx) {
        register(ctx, "pfs-master", args -> create(args, false, "pfs-master"));
        register(ctx, "pfs-slave", args -> create(args, true, "pfs-slave"));
        register(ctx, "pfs-status", this::status);
        register(ctx, "pfs-upgrade", args -> change(args, "pfs-upgrade", "HAMMERIOC_UPG_PSEUDOFS"));
        register(ctx, "pfs-downgrade", args -> change(args, "pfs-downgrade", "HAMMERIOC_DGD_PSEUDOFS"));
        register(ctx, "pfs-destroy", args -> change(args, "pfs-destroy", "HAMMERIOC_RMR_PSEUDOFS"));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private void register(BundleContext ctx, String name, Function<List<String>, String> body) {
        registrations.add(function(ctx, name, body));
    }

    /**
     * Registers {@code hammer:NAME} as a Gogo {@code Function} service whose arguments reach {@code body} as strings
     * (Gogo names a method after its command and Java names cannot hold {@code -}).
     */
    static ServiceRegistration<?> function(BundleContext ctx, String name, Function<List<String>, String> body) {
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
        return ctx.registerService(org.apache.felix.service.command.Function.class, fn, props);
    }

    /** hammer_cmd_pseudofs_create: a free PFS id, HAMMERIOC_SET_PSEUDOFS, then the {@code @@PFS%05d} softlink. */
    private String create(List<String> args, boolean slave, String cmd) {
        String shared = null;
        List<String> rest = new ArrayList<>(args);
        int opt = rest.indexOf("--shared-uuid");
        if (opt >= 0) {
            if (!slave || opt + 1 >= rest.size()) {
                throw new IllegalArgumentException(slave ? "hammer:pfs-slave: --shared-uuid needs a UUID"
                        : "hammer:pfs-master takes no --shared-uuid (a master makes its own)");
            }
            shared = rest.remove(opt + 1);
            rest.remove(opt);
            try {
                UUID.fromString(shared);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hammer:pfs-slave: --shared-uuid '" + shared + "' is not a UUID"
                        + " (8-4-4-4-12 hex digits, as hammer pfs-status prints it)");
            }
        }
        String path = onePath(rest, cmd, slave ? " [--shared-uuid UUID]" : "");
        String sharedUuid = shared;
        BootedKernel k = kernels.current();
        return ShellProcess.run(k, cmd, sys -> makePfs(sys, path, slave, sharedUuid, "hammer:" + cmd + " " + path));
    }

    /**
     * The body of pfs-master and pfs-slave on a running process (also mirror-copy's, for a missing slave): a free PFS
     * id, HAMMERIOC_SET_PSEUDOFS, then the {@code @@PFS%05d} softlink. Returns the command's report.
     */
    static String makePfs(Syscalls sys, String path, boolean slave, String sharedUuid, String what) {
        if (sys.fstatat(Fcntl.AT_FDCWD, bytes(path), Fcntl.AT_SYMLINK_NOFOLLOW).ok()) {
            throw new IllegalArgumentException(what + ": cannot create " + path + ", file exists");
        }
        int fd = open(sys, what, dirOf(path));
        try {
            if (Integer.parseInt(ioctl(sys, fd, what, "HAMMERIOC_GET_PSEUDOFS", "-1").get("pfs_id")) != 0) {
                throw new IllegalArgumentException(what + ": " + dirOf(path) + " is inside a PFS; PFS softlinks"
                        + " may only be made in the main filesystem (PFS #0)");
            }
            int pfs = freePfs(sys, fd, what);
            Map<String, String> req = new LinkedHashMap<>();
            req.put("pfs_id", Integer.toString(pfs));
            req.put("mode", slave ? "slave" : "master");
            if (sharedUuid != null) {
                req.put("shared_uuid", sharedUuid);
            }
            SysResult<Map<String, String>> r = sys.ioctl(fd, "HAMMERIOC_SET_PSEUDOFS", req);
            if (!r.ok()) {
                throw new IllegalArgumentException(what + ": creating PFS #" + pfs + " failed: " + r.errno());
            }
            int s = sys.symlinkat(bytes(String.format("@@PFS%05d", pfs)), Fcntl.AT_FDCWD, bytes(path));
            if (s < 0) {
                throw new IllegalArgumentException(what + ": PFS #" + pfs + " made, but not its softlink: "
                        + Errno.ofResult(s));
            }
            return "Creating PFS #" + pfs + " succeeded!\n" + dump(path, r.value());
        } finally {
            sys.close(fd);
        }
    }

    /** hammer_cmd_pseudofs_status: the PFS's configuration, as dump_pfsd prints it. */
    private String status(List<String> args) {
        String path = onePath(args, "pfs-status", "");
        BootedKernel k = kernels.current();
        return ShellProcess.run(k, "pfs-status", sys -> {
            Pfs p = getpfs(sys, path, "hammer:pfs-status " + path);
            try {
                return dump(path, p.fields);
            } finally {
                sys.close(p.fd);
            }
        });
    }

    /** hammer_cmd_pseudofs_upgrade, _downgrade, _destroy: cmd_pseudofs.c's checks, then the ioctl. */
    private String change(List<String> args, String cmd, String request) {
        String path = onePath(args, cmd, "");
        String what = "hammer:" + cmd + " " + path;
        BootedKernel k = kernels.current();
        return ShellProcess.run(k, cmd, sys -> {
            Pfs p = getpfs(sys, path, what);
            try {
                String verb = cmd.substring(4);
                if (p.id == 0) {
                    throw new IllegalArgumentException(what + ": you cannot " + verb + " PFS #0"
                            + (verb.equals("upgrade") ? " (it is always a master)" : ""));
                }
                String mode = p.fields.get("mode");
                if (verb.equals("upgrade") && mode.equals("master")) {
                    throw new IllegalArgumentException(what + ": PFS #" + p.id + " is already a master");
                }
                if (verb.equals("downgrade") && mode.equals("slave")) {
                    throw new IllegalArgumentException(what + ": PFS #" + p.id + " is already a slave");
                }
                Map<String, String> r = ioctl(sys, p.fd, what, request, Integer.toString(p.id));
                if (verb.equals("destroy")) {
                    SysResult<FileStat> st = sys.fstatat(Fcntl.AT_FDCWD, bytes(path), Fcntl.AT_SYMLINK_NOFOLLOW);
                    String link = "";
                    if (st.ok() && st.value().isSymlink()) {
                        int u = sys.unlinkat(Fcntl.AT_FDCWD, bytes(path), 0);
                        link = u < 0 ? " (but its softlink " + path + " stays: " + Errno.ofResult(u) + ")"
                                : "; softlink " + path + " removed";
                    }
                    return "pfs-destroy of PFS #" + p.id + " succeeded: " + r.get("records_removed")
                            + " records removed" + link;
                }
                return cmd + " of PFS #" + p.id + " succeeded: now a " + r.get("mode").toUpperCase() + "\n"
                        + dump(path, r);
            } finally {
                sys.close(p.fd);
            }
        });
    }

    record Pfs(int id, int fd, Map<String, String> fields) {
    }

    /**
     * getpfs (cmd_pseudofs.c): a softlink {@code @@PFS%05d} or {@code @@<tid>:%05d} names its PFS and the ioctls go to
     * its directory; anything else is opened and asked which PFS it is in.
     */
    static Pfs getpfs(Syscalls sys, String path, String what) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        SysResult<FileStat> st = sys.fstatat(Fcntl.AT_FDCWD, bytes(trimmed), Fcntl.AT_SYMLINK_NOFOLLOW);
        if (!st.ok()) {
            throw new IllegalArgumentException(what + ": " + st.errno());
        }
        String pfs = "-1";
        String target = trimmed;
        if (st.value().isSymlink()) {
            byte[] buf = new byte[Fcntl.PATH_MAX];
            int n = sys.readlinkat(Fcntl.AT_FDCWD, bytes(trimmed), buf);
            Matcher m = PFS_LINK.matcher(n < 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8));
            if (m.matches()) {
                pfs = Integer.toString(Integer.parseInt(m.group(1)));
                target = dirOf(trimmed);
            }
        }
        int fd = open(sys, what, target);
        try {
            Map<String, String> fields = ioctl(sys, fd, what, "HAMMERIOC_GET_PSEUDOFS", pfs);
            return new Pfs(Integer.parseInt(fields.get("pfs_id")), fd, fields);
        } catch (RuntimeException e) {
            sys.close(fd);
            throw e;
        }
    }

    /** The first id without a PFS (GET answers ENOENT), as hammer_cmd_pseudofs_create scans. */
    private static int freePfs(Syscalls sys, int fd, String what) {
        for (int id = 1; id < 65536; id++) {
            SysResult<Map<String, String>> r = sys.ioctl(fd, "HAMMERIOC_GET_PSEUDOFS", Map.of("pfs_id",
                    Integer.toString(id)));
            if (!r.ok()) {
                if (r.errno() == Errno.ENOENT) {
                    return id;
                }
                throw new IllegalArgumentException(what + ": got " + r.errno() + " scanning for a free PFS id");
            }
        }
        throw new IllegalArgumentException(what + ": all 65536 PFS ids are in use");
    }

    static int open(Syscalls sys, String what, String path) {
        int fd = sys.openat(Fcntl.AT_FDCWD, bytes(path), Fcntl.O_RDONLY, 0);
        if (fd < 0) {
            throw new IllegalArgumentException(what + ": cannot open " + path + ": " + Errno.ofResult(fd));
        }
        return fd;
    }

    static Map<String, String> ioctl(Syscalls sys, int fd, String what, String request, String pfs) {
        SysResult<Map<String, String>> r = sys.ioctl(fd, request, Map.of("pfs_id", pfs));
        if (r.ok()) {
            return r.value();
        }
        throw new IllegalArgumentException(what + ": " + switch (r.errno()) {
            case ENOTTY -> "not on a HAMMER filesystem (ENOTTY)";
            case ENOENT -> "no PFS #" + pfs + " (ENOENT)";
            case EINVAL -> "PFS id " + pfs + " is out of range 0..65535 or not allowed here (EINVAL)";
            default -> r.errno().toString();
        });
    }

    /** dump_pfsd's lines. */
    private static String dump(String path, Map<String, String> f) {
        return path + "\tPFS #" + f.get("pfs_id") + " {\n"
                + "    sync-beg-tid=" + f.get("sync_beg_tid") + "\n"
                + "    sync-end-tid=" + f.get("sync_end_tid") + "\n"
                + "    shared-uuid=" + f.get("shared_uuid") + "\n"
                + "    unique-uuid=" + f.get("unique_uuid") + "\n"
                + "    label=\"" + f.get("label") + "\"\n"
                + "    operating as a " + f.get("mode").toUpperCase() + "\n}";
    }

    private static String onePath(List<String> args, String cmd, String options) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new IllegalArgumentException(String.format(USAGE, cmd, options)
                    + (args.isEmpty() ? "" : " (got: " + String.join(" ", args) + ")"));
        }
        return args.get(0);
    }

    /** getdir: the directory holding {@code path} ({@code .} for a bare name). */
    static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
    }

    static byte[] bytes(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }
}
