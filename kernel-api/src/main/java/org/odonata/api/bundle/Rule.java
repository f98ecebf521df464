package org.odonata.api.bundle;

/**
 * What code inside a simulation must not do, with why: each breaks determinism or can hang the engine's
 * carrier thread.
 */
public enum Rule {
    /** {@code System.nanoTime}, {@code currentTimeMillis}, {@code Instant.now}, {@code Clock}: results depend on the host. */
    HOST_CLOCK("reads the host clock (use the engine's virtual time)"),
    /** {@code new Random()}, {@code Math.random}, {@code ThreadLocalRandom}, {@code SecureRandom}, unseeded. */
    UNSEEDED_RANDOM("uses an unseeded random source (use the host's seeded random stream)"),
    /** {@code Thread.sleep}, {@code LockSupport.park}: blocks the carrier thread in host time. */
    SLEEP("sleeps in host time (spend virtual time through the machine instead)"),
    /** {@code new Thread}, {@code Thread.start}, executors, {@code CompletableFuture.*Async}: host concurrency. */
    THREAD_CREATION("creates a host thread or task (simulated code is sequential)"),
    /** {@code synchronized} blocks and methods. */
    SYNCHRONIZED("synchronizes on a monitor (can hang the engine's carrier thread)"),
    /** {@code Object.wait}, {@code notify}, {@code notifyAll}. */
    OBJECT_WAIT("waits on a monitor (can hang the engine's carrier thread)"),
    /** Files, sockets, channels, processes, the console's input. */
    BLOCKING_IO("does blocking I/O"),
    /** {@code Class.forName}, {@code getDeclared*}, {@code setAccessible}, method handles by name. */
    REFLECTION("uses reflection, which can reach into other bundles");

    private final String meaning;

    Rule(String meaning) {
        this.meaning = meaning;
    }

    /** What breaking the rule means, in a few words. */
    public String meaning() {
        return meaning;
    }

    /** The rule's name as users write it: {@code host-clock}, {@code synchronized}, … */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
