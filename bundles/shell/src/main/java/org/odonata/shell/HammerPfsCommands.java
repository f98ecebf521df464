package org.odonata.shell;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.felix.service.command.CommandSession;
import org.odonata.api.kern.Syscalls;
import org.odonata.command.hammer.Pfs;
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
        return ShellProcess.run(k, cmd, sys -> Pfs.make(sys, path, slave, sharedUuid, "hammer:" + cmd + " " + path));
    }

    /** hammer_cmd_pseudofs_status: the PFS's configuration, as dump_pfsd prints it. */
    private String status(List<String> args) {
        String path = onePath(args, "pfs-status", "");
        BootedKernel k = kernels.current();
        return ShellProcess.run(k, "pfs-status", sys -> {
            Pfs p = Pfs.get(sys, path, "hammer:pfs-status " + path);
            try {
                return Pfs.dump(path, p.fields());
            } finally {
                sys.close(p.fd());
            }
        });
    }

    /** hammer_cmd_pseudofs_upgrade, _downgrade, _destroy: cmd_pseudofs.c's checks, then the ioctl. */
    private String change(List<String> args, String cmd, String request) {
        String path = onePath(args, cmd, "");
        String what = "hammer:" + cmd + " " + path;
        BootedKernel k = kernels.current();
        return ShellProcess.run(k, cmd, sys -> {
            Pfs p = Pfs.get(sys, path, what);
            try {
                String verb = cmd.substring(4);
                if (p.id() == 0) {
                    throw new IllegalArgumentException(what + ": you cannot " + verb + " PFS #0"
                            + (verb.equals("upgrade") ? " (it is always a master)" : ""));
                }
                String mode = p.fields().get("mode");
                if (verb.equals("upgrade") && mode.equals("master")) {
                    throw new IllegalArgumentException(what + ": PFS #" + p.id() + " is already a master");
                }
                if (verb.equals("downgrade") && mode.equals("slave")) {
                    throw new IllegalArgumentException(what + ": PFS #" + p.id() + " is already a slave");
                }
                Map<String, String> r = Pfs.ioctl(sys, p.fd(), what, request, Integer.toString(p.id()));
                if (verb.equals("destroy")) {
                    SysResult<FileStat> st = sys.fstatat(Fcntl.AT_FDCWD, Pfs.bytes(path), Fcntl.AT_SYMLINK_NOFOLLOW);
                    String link = "";
                    if (st.ok() && st.value().isSymlink()) {
                        int u = sys.unlinkat(Fcntl.AT_FDCWD, Pfs.bytes(path), 0);
                        link = u < 0 ? " (but its softlink " + path + " stays: " + Errno.ofResult(u) + ")"
                                : "; softlink " + path + " removed";
                    }
                    return "pfs-destroy of PFS #" + p.id() + " succeeded: " + r.get("records_removed")
                            + " records removed" + link;
                }
                return cmd + " of PFS #" + p.id() + " succeeded: now a " + r.get("mode").toUpperCase() + "\n"
                        + Pfs.dump(path, r);
            } finally {
                sys.close(p.fd());
            }
        });
    }

    private static String onePath(List<String> args, String cmd, String options) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new IllegalArgumentException(String.format(USAGE, cmd, options)
                    + (args.isEmpty() ? "" : " (got: " + String.join(" ", args) + ")"));
        }
        return args.get(0);
    }
}
