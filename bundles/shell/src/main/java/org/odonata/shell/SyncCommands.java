package org.odonata.shell;

import org.odonata.api.engine.VirtualDuration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.sync.Distribution;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code sync:} commands: token implementations, live swaps between them, and lock statistics. */
@Component(service = SyncCommands.class, immediate = true, property = {
    "osgi.command.scope=sync",
    "osgi.command.function=list",
    "osgi.command.function=use",
    "osgi.command.function=stats"})
public final class SyncCommands {

    @Reference
    private Kernels kernels;

    @Descriptor("list the registered token implementations; * marks the one the current kernel uses")
    public String list() {
        String active = activeOrNull();
        StringBuilder out = new StringBuilder();
        kernels.tokenAlgorithms().stream().sorted(Comparator.comparing(TokenAlgorithmFactory::name))
                .forEach(f -> out.append(String.format(Locale.ROOT, "%s %-8s %s%n",
                        f.name().equals(active) ? "*" : " ", f.name(), f.description())));
        return out.toString().stripTrailing();
    }

    @Descriptor("swap the current kernel's token implementation at the next safe point, while it runs")
    public String use(@Descriptor("token implementation name (see sync:list)") String name) {
        TokenAlgorithmFactory f = kernels.tokenAlgorithm(name);
        BootedKernel k = kernels.current();
        SwapReport r = k.call(() -> k.kernel().swapTokens(f));
        kernels.wanted(k, 1, name);
        return SwapText.of(r);
    }

    @Descriptor("lock statistics of every token used so far, then per class")
    public String stats() {
        return table(null);
    }

    @Descriptor("lock statistics of one token")
    public String stats(@Descriptor("token name, e.g. mp or vm") String token) {
        return table(token);
    }

    private String table(String token) {
        BootedKernel k = kernels.current();
        List<LockStats> all = k.call(() -> k.kernel().lockStats());
        List<LockStats> shown = token == null ? all : all.stream().filter(s -> s.name().equals(token)).toList();
        if (shown.isEmpty() && token != null) {
            throw new IllegalArgumentException("no statistics for token '" + token + "'; tokens used: "
                    + String.join(", ", all.stream().map(LockStats::name).toList()));
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-16s %12s %10s %14s %12s %12s %12s %12s%n", "TOKEN", "ACQUIRED", "COLLISIONS", "SPIN_CYCLES",
                "HOLD_MEAN", "HOLD_P99", "WAIT_MEAN", "WAIT_P99"));
        for (LockStats s : shown) {
            out.append(String.format(Locale.ROOT, "%-16s %,12d %,10d %,14d %12s %12s %12s %12s%n", s.name(),
                    s.acquisitions(), s.collisions(), s.spinCycles(), mean(s.holdTime()), p99(s.holdTime()),
                    mean(s.waitTime()), p99(s.waitTime())));
        }
        return out.toString().stripTrailing();
    }

    private static String mean(Distribution d) {
        return d.count() == 0 ? "-" : VirtualDuration.format(Math.round(d.mean()));
    }

    private static String p99(Distribution d) {
        return d.count() == 0 ? "-" : VirtualDuration.format(d.p99());
    }

    @Descriptor("swap the current kernel's token implementation at the next safe point, while it runs")
    public String use() {
        throw new IllegalArgumentException("sync:use needs a token implementation name; valid: " + String.join(", ",
                kernels.tokenAlgorithms().stream().map(TokenAlgorithmFactory::name).sorted().toList()));
    }

    private String activeOrNull() {
        try {
            BootedKernel k = kernels.current();
            return k.call(() -> k.kernel().tokens());
        } catch (IllegalArgumentException noKernel) {
            return null;
        }
    }
}
