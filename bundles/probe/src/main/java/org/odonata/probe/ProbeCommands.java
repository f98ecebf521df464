package org.odonata.probe;

import java.lang.instrument.Instrumentation;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.felix.service.command.Descriptor;
import org.odonata.api.bundle.BundleVerifier;
import org.odonata.api.probe.ProbeRequest;
import org.odonata.api.probe.ProbeService;
import org.odonata.api.probe.ProbeSession;
import org.odonata.api.probe.ThreadClock;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.hooks.weaving.WovenClass;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The {@code probe:} commands, and the WeavingHook that weaves probes into classes of bundles installed later.
 * Weaving needs {@code java.lang.instrument}: the launcher's agent registers it as a service ({@code ./odonata}
 * starts the JVM with {@code -javaagent}); without it, Byte Buddy attaches an agent to this JVM. The hook's class
 * reaches every bundle through boot delegation of {@code org.odonata.probe.boot}.
 */
@Component(service = {ProbeCommands.class, ProbeService.class}, immediate = true,
        property = {"osgi.command.scope=probe", "osgi.command.function=add", "osgi.command.function=list",
            "osgi.command.function=rm", "osgi.command.function=show"})
public final class ProbeCommands implements WeavingHook, ProbeService {

    private static final String BOOT_DELEGATION = "org.odonata.probe.boot";

    @Reference
    private ThreadClock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private Instrumentation instrumentation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BundleVerifier verifier;

    private BundleContext context;
    private volatile ProbeManager manager;
    private ServiceRegistration<WeavingHook> hook;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        // a plain service object, not DS's ServiceFactory: the framework asks for every WeavingHook while it
        // defines a class, also a class SCR loads while it creates this component, and a factory would recurse
        hook = context.registerService(WeavingHook.class, this, null);
    }

    @Deactivate
    void deactivate() {
        hook.unregister();
        if (manager != null) {
            manager.close();
        }
    }

    @Descriptor("attach a probe: probe:add TARGET [--count|--hist|--args|--ret]... [--filter EXPR] [--name N]; "
            + "TARGET is Class#method with globs (org.odonata.sched.lwkt.dfly.*#choose*)")
    public String add(@Descriptor("TARGET, then options: --count (calls, the default), --hist (log2 histogram of "
            + "the virtual time from entry to exit), --args, --ret, --filter 'cpu == 0 && lat > 1000' (fields cpu, "
            + "argN, ret, lat), --name N") String... args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: probe:add TARGET [--count|--hist|--args|--ret] [--filter EXPR] "
                    + "[--name N]");
        }
        Set<Probe.Kind> kinds = EnumSet.noneOf(Probe.Kind.class);
        String filter = null;
        String name = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--count", "--hist", "--args", "--ret" -> kinds.add(Probe.Kind.valueOf(args[i].substring(2)
                        .toUpperCase(Locale.ROOT)));
                case "--filter" -> filter = value(args, ++i, "--filter");
                case "--name" -> name = value(args, ++i, "--name");
                default -> throw new IllegalArgumentException("probe:add: unexpected '" + args[i] + "'; options: "
                        + "--count, --hist, --args, --ret, --filter EXPR, --name N");
            }
        }
        return manager().add(args[0], kinds, filter, name);
    }

    @Descriptor("the probes: name, target, kinds, calls, filter")
    public String list() {
        ProbeManager m = manager;
        if (m == null || m.probes().isEmpty()) {
            return "no probes (probe:add TARGET to attach one)";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s %-48s %-14s %10s%n", "NAME", "TARGET",
                "KINDS", "CALLS"));
        m.probes().forEach(p -> b.append(p.line()).append('\n'));
        return b.toString().stripTrailing();
    }

    @Descriptor("remove probes (all without a name, or with '*' quoted) and restore the classes they were woven into")
    public String rm(@Descriptor("the probes' names (none: all)") String... names) {
        ProbeManager m = manager;
        List<String> gone = names.length == 0 ? List.of("*") : List.of(names);
        if (m == null) {
            throw new IllegalArgumentException("no probe '" + gone.get(0) + "'; probes: none");
        }
        for (String n : gone) {
            if (!n.equals("*") && m.probe(n).isEmpty()) {
                // Gogo expands a bare * to the file names of the current directory
                throw new IllegalArgumentException("no probe '" + n + "'; probes: " + (m.probes().isEmpty() ? "none"
                        : String.join(", ", m.probes().stream().map(Probe::name).toList())) + " (probe:rm with no "
                        + "name removes all; a bare * is expanded by the shell, quote it: '*')");
            }
        }
        return String.join("\n", gone.stream().map(m::remove).toList());
    }

    @Descriptor("print a probe's aggregations bpftrace style (all probes without a name), with its host cost")
    public String show(@Descriptor("the probe's name (optional)") String... names) {
        ProbeManager m = manager;
        if (m == null || m.probes().isEmpty()) {
            return "no probes (probe:add TARGET to attach one)";
        }
        StringBuilder b = new StringBuilder();
        if (names.length == 0) {
            m.probes().forEach(p -> b.append(p.show(m.sitesOf(p))).append('\n'));
        }
        if (ProbeRuntime.failures() > 0) {
            b.append("probe bookkeeping failed ").append(ProbeRuntime.failures()).append(" times (calls not "
                    + "counted; the probed methods ran as usual)\n");
        }
        for (String n : names) {
            Probe p = m.probe(n).orElseThrow(() -> new IllegalArgumentException("no probe '" + n + "'; probes: "
                    + String.join(", ", m.probes().stream().map(Probe::name).toList())));
            b.append(p.show(m.sitesOf(p))).append('\n');
        }
        return b.toString().stripTrailing();
    }

    @Override
    public ProbeSession attach(List<ProbeRequest> requests) {
        return manager().attach(requests);
    }

    @Override
    public void weave(WovenClass wc) {
        ProbeManager m = manager;
        if (m == null) {
            return;
        }
        BundleVerifier v = verifier;
        byte[] woven = m.weaveDefined(wc.getClassName(), wc.getBytes(), wc.getBundleWiring().getClassLoader(),
                v == null ? java.util.Optional.empty() : v.verdictOf(wc.getBundleWiring().getBundle().getBundleId()));
        if (woven != null) {
            wc.setBytes(woven);
        }
    }

    private ProbeManager manager() {
        if (manager != null) {
            return manager;
        }
        String delegation = String.valueOf(context.getProperty("org.osgi.framework.bootdelegation"));
        if (!delegation.contains(BOOT_DELEGATION)) {
            throw new IllegalArgumentException("probes need the framework property org.osgi.framework.bootdelegation "
                    + "to include " + BOOT_DELEGATION + " (./odonata sets it); it is '" + delegation + "'");
        }
        Instrumentation inst = instrumentation;
        if (inst == null) {
            try {
                inst = ByteBuddyAgent.install();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("probes need java.lang.instrument: start the JVM with -javaagent "
                        + "(./odonata does) — " + e.getMessage(), e);
            }
        }
        ProbeManager.VerdictSource verdicts = c -> {
            BundleVerifier v = verifier;
            Bundle b = FrameworkUtil.getBundle(c);
            return v == null || b == null ? java.util.Optional.empty() : v.verdictOf(b.getBundleId());
        };
        manager = new ProbeManager(inst, clock, verdicts, new InstalledClasses(context, () -> verifier),
                ProbeCommands.class.getClassLoader());
        return manager;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
