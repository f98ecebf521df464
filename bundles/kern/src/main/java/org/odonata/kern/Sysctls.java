package org.odonata.kern;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.api.kern.Sysctl;

/**
 * The kernel's tunables and their current values. The hot paths read the cached fields, which {@link #set} keeps
 * in step with the table.
 */
final class Sysctls {

    static final String SPIN_LOOPS = "lwkt.spin_loops";
    static final String PREEMPT_ENABLE = "lwkt.preempt_enable";
    /** The model's knob, not a DragonFly sysctl: DragonFly counts pauses ({@code lwkt.token_backoff_max}). */
    static final String TOKEN_SPIN_BUDGET = "lwkt.token_spin_budget_ns";

    static final List<Sysctl> DEFAULTS = List.of(
            new Sysctl(PREEMPT_ENABLE, 1, 0, 1, "1: an interrupt thread preempts the running thread when "
                    + "lwkt_preempt's conditions hold; 0: it waits for the next switch (lwkt.preempt_enable)"),
            new Sysctl(SPIN_LOOPS, 10, 0, 1_000_000, "contended reacquisitions of a thread's tokens before it "
                    + "takes them in sorted order, to break livelock (lwkt_spin_loops)"),
            new Sysctl(TOKEN_SPIN_BUDGET, 2_000, -1, 1_000_000_000, "virtual ns a token request spins before "
                    + "the thread switches away (lwkt_gettoken); -1 spins until acquired, like a Linux spinlock, "
                    + "and can deadlock tokens taken in conflicting order"));

    private final Map<String, Sysctl> table = new TreeMap<>();

    /** {@link #PREEMPT_ENABLE}. */
    boolean preemptEnable;
    /** {@link #SPIN_LOOPS}. */
    int spinLoops;
    /** {@link #TOKEN_SPIN_BUDGET} as a budget for {@code TokenLock.acquire}: {@link Long#MAX_VALUE} for -1. */
    long tokenSpinBudgetNanos;

    Sysctls() {
        for (Sysctl s : DEFAULTS) {
            table.put(s.name(), s);
            cache(s);
        }
    }

    List<Sysctl> all() {
        return List.copyOf(table.values());
    }

    /** Sets one; returns the old value. */
    long set(String name, long value) {
        Sysctl s = table.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no sysctl '" + name + "'; sysctls: " + String.join(", ",
                    table.keySet()));
        }
        if (!s.accepts(value)) {
            throw new IllegalArgumentException("sysctl " + name + ": " + value + " is out of range " + s.min()
                    + ".." + s.max());
        }
        table.put(name, s.with(value));
        cache(table.get(name));
        return s.value();
    }

    private void cache(Sysctl s) {
        switch (s.name()) {
            case PREEMPT_ENABLE -> preemptEnable = s.value() != 0;
            case SPIN_LOOPS -> spinLoops = (int) s.value();
            case TOKEN_SPIN_BUDGET -> tokenSpinBudgetNanos = s.value() < 0 ? Long.MAX_VALUE : s.value();
            default -> throw new AssertionError(s.name());
        }
    }
}
