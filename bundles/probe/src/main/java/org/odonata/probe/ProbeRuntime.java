package org.odonata.probe;

import java.util.List;

import org.odonata.api.probe.ThreadClock;
import org.odonata.probe.boot.Dispatcher;
import org.odonata.probe.boot.ProbeDispatch;

/**
 * Receives the woven methods' calls and hands each return to the probes of its site, with the virtual time since
 * entry and the CPU, read from the kernel's {@link ThreadClock} (never the host clock, which is read only to
 * report the probes' own host cost). Outside a simulation (a swap called from the shell) a call counts with no
 * latency and CPU -1.
 */
final class ProbeRuntime implements Dispatcher {

    /** One woven method and the probes that watch it. */
    record Site(int id, String className, String method, String descriptor, String label, List<Probe> probes) {
    }

    private final ThreadClock clock;
    private volatile Site[] sites = new Site[0];

    ProbeRuntime(ThreadClock clock) {
        this.clock = clock;
    }

    /** Makes this the dispatcher woven code calls. */
    void installHook() {
        ProbeDispatch.install(this);
    }

    /** Woven code calls nothing from now on, if this is still the dispatcher. */
    void removeHook() {
        if (ProbeDispatch.installed() == this) {
            ProbeDispatch.install(null);
        }
    }

    /** Bookkeeping failures the hook swallowed. */
    static long failures() {
        return ProbeDispatch.failures();
    }

    void sites(Site[] table) {
        sites = table.clone();
    }

    @Override
    public long enter(int site) {
        return clock.now();
    }

    @Override
    public void exit(int site, long start, Object[] args, Object ret, Throwable thrown) {
        long host = System.nanoTime();
        Site[] table = sites;
        if (site >= table.length || table[site] == null) {
            return;
        }
        Site s = table[site];
        long now = clock.now();
        long latency = start < 0 || now < 0 ? 0 : now - start;
        int cpu = clock.cpu();
        Object value = thrown != null ? thrown.getClass().getSimpleName() : ret;
        for (Probe p : s.probes()) {
            p.record(s.label(), cpu, latency, args, value);
        }
        long spent = System.nanoTime() - host;
        for (Probe p : s.probes()) {
            p.addHostNanos(spent / s.probes().size());
        }
    }
}
