package org.odonata.kern;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.api.kern.Sysctl;
import org.odonata.api.sync.TokenLock;

/**
 * The kernel's tunables and their current values. The hot paths read the cached fields, which {@link #set} keeps
 * in step with the table.
 */
final class Sysctls {

    static final String SPIN_LOOPS = "lwkt.spin_loops";
    static final String PREEMPT_ENABLE = "lwkt.preempt_enable";
    /** The model's knob, not a DragonFly sysctl: DragonFly bounds the spin by rounds, not time. */
    static final String TOKEN_SPIN_BUDGET = "lwkt.token_spin_budget_ns";
    /** The model's knob, after sched_ext's {@code timeout_ms}: DragonFly has no scheduler watchdog. */
    static final String WATCHDOG = "watchdog.timeout_ns";
    /** How the descriptions of tunables DragonFly does not have begin, in {@code kern:sysctl} and specs. */
    static final String MODEL_ONLY = "model-only, not in DragonFly: ";

    static final List<Sysctl> DEFAULTS = List.of(
            new Sysctl(PREEMPT_ENABLE, 1, 0, 1, "1: an interrupt thread preempts the running thread when "
                    + "lwkt_preempt's conditions hold; 0: it waits for the next switch (lwkt.preempt_enable)"),
            new Sysctl(SPIN_LOOPS, 10, 0, 1_000_000, "contended reacquisitions of a thread's tokens before it "
                    + "takes them in sorted order, to break livelock (lwkt_spin_loops)"),
            new Sysctl(TOKEN_SPIN_BUDGET, 0, -1, 1_000_000_000, MODEL_ONLY + "0 spins as _lwkt_trytokref_spin does "
                    + "(19 backoff rounds, about 16,100 PAUSEs); N > 0 spins for N virtual ns instead; -1 spins until "
                    + "acquired, like a Linux spinlock, and can deadlock tokens taken in conflicting order"),
            new Sysctl(WATCHDOG, 30_000_000_000L, 0, 86_400_000_000_000L, MODEL_ONLY + "virtual ns a runnable LWP "
                    + "may wait queued while the user scheduler chooses others, or a waiter be refused a free token, "
                    + "before the implementation is ejected for the fallback (Watchdog); 0 turns the watchdog off"));

    private final Map<String, Sysctl> table = new TreeMap<>();

    /** {@link #PREEMPT_ENABLE}. */
    boolean preemptEnable;
    /** {@link #SPIN_LOOPS}. */
    int spinLoops;
    /**
     * {@link #TOKEN_SPIN_BUDGET} as a budget for {@code TokenLock.acquire}: {@link TokenLock#BOUNDED_SPIN} for 0,
     * {@link Long#MAX_VALUE} for -1.
     */
    long tokenSpinBudgetNanos;
    /** {@link #WATCHDOG}. */
    long watchdogNanos;

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
            case TOKEN_SPIN_BUDGET -> tokenSpinBudgetNanos = s.value() < 0 ? Long.MAX_VALUE
                    : s.value() == 0 ? TokenLock.BOUNDED_SPIN : s.value();
            case WATCHDOG -> watchdogNanos = s.value();
            default -> throw new AssertionError(s.name());
        }
    }
}
