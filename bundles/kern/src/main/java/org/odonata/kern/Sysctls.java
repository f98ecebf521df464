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
    static final String MAXPROC = "kern.maxproc";
    static final String PIPE_DELAY = "kern.pipe.delay";
    /**
     * The model's own cap on {@code kern.maxproc} when it is derived from memory: every simulated process costs
     * tens of kilobytes of the host's heap (its stack, vmspace and descriptors), and a fork bomb must meet the
     * process limit, as on a real machine, long before it exhausts the JVM.
     */
    static final int MAXPROC_MODEL_CAP = 50_000;

    /** In name order, as sysctl -a lists them. */
    static final List<Sysctl> DEFAULTS = List.of(
            new Sysctl(MAXPROC, 0, 0, 1_048_576, "most processes at once, zombies included: fork fails with EAGAIN "
                    + "beyond (fork1); 0 = DragonFly's default for the machine's memory, 20 + 16 x MiB/8 "
                    + "(init_param2), at most " + MAXPROC_MODEL_CAP + " in the model"),
            new Sysctl(PIPE_DELAY, 4000, 0, 1_000_000_000, "ns an empty pipe's reader (a full pipe's writer) "
                    + "polls for the other side before it sleeps; 0: sleeps at once (pipe_delay, sys_pipe.c)"),
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
    /** {@link #MAXPROC} as set: 0 means derived from memory ({@link #defaultMaxproc}). */
    int maxproc;

    Sysctls() {
        for (Sysctl s : DEFAULTS) {
            table.put(s.name(), s);
            cache(s);
        }
    }

    List<Sysctl> all() {
        return List.copyOf(table.values());
    }

    /** One's current value. */
    long get(String name) {
        return lookup(name).value();
    }

    /** Sets one; returns the old value. */
    long set(String name, long value) {
        Sysctl s = lookup(name);
        if (!s.accepts(value)) {
            throw new IllegalArgumentException("sysctl " + name + ": " + value + " is out of range " + s.min()
                    + ".." + s.max());
        }
        table.put(name, s.with(value));
        cache(table.get(name));
        return s.value();
    }

    private Sysctl lookup(String name) {
        Sysctl s = table.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no sysctl '" + name + "'; sysctls: " + String.join(", ",
                    table.keySet()));
        }
        return s;
    }

    /**
     * DragonFly's {@code kern.maxproc} for a machine with this much memory ({@code sys/kern/subr_param.c},
     * init_param2: maxusers = MiB / 8, at least 32; maxproc = 20 + 16 * maxusers, from 32 to MiB * 21), held to
     * {@link #MAXPROC_MODEL_CAP}.
     */
    static int defaultMaxproc(long memoryBytes) {
        long mib = Math.max(1, memoryBytes >> 20);
        long maxusers = Math.max(32, mib / 8);
        long maxproc = Math.min(Math.max(20 + 16 * maxusers, 32), mib * 21);
        return (int) Math.min(maxproc, MAXPROC_MODEL_CAP);
    }

    private void cache(Sysctl s) {
        switch (s.name()) {
            case PREEMPT_ENABLE -> preemptEnable = s.value() != 0;
            case SPIN_LOOPS -> spinLoops = (int) s.value();
            case TOKEN_SPIN_BUDGET -> tokenSpinBudgetNanos = s.value() < 0 ? Long.MAX_VALUE
                    : s.value() == 0 ? TokenLock.BOUNDED_SPIN : s.value();
            case WATCHDOG -> watchdogNanos = s.value();
            case MAXPROC -> maxproc = (int) s.value();
            case PIPE_DELAY -> { }
            default -> throw new AssertionError(s.name());
        }
    }
}
